#pragma once

#include <QString>

/// The words for the pipeline stage at which a message was dead-lettered (ops-api.md 4.10: parse,
/// validate, deliver), as every dead-letter table, filter and title shows them: one translation,
/// so a filter and the column it filters always read the same.
namespace PipelineStageNames {

QString display(const QString& code);

} // namespace PipelineStageNames
