#include "models/console/PipelineStageNames.h"

#include <QCoreApplication>

namespace PipelineStageNames {

QString display(const QString& code)
{
    if (code == u"parse")
        return QCoreApplication::translate("PipelineStageNames", "Parsing", "dead-letter stage");
    if (code == u"validate")
        return QCoreApplication::translate("PipelineStageNames", "Validation", "dead-letter stage");
    if (code == u"deliver")
        return QCoreApplication::translate("PipelineStageNames", "Delivery", "dead-letter stage");
    return code;                                     // a stage newer than this console: the node's word
}

} // namespace PipelineStageNames
