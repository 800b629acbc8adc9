#pragma once

#include <QMessageBox>

/// The warning for a node whose certificate changed (docs/ops-api.md 1.2): both fingerprints, the
/// two explanations (someone intercepting, or the node's certificate replaced), how to check, and
/// no "continue" — accepting the new certificate is a separate, deliberate act (Edit node…).
class CertificateWarning : public QMessageBox
{
    Q_OBJECT

public:
    CertificateWarning(const QString& nodeName, const QString& address, const QString& pinnedFingerprint,
                       const QString& presentedFingerprint, QWidget* parent = nullptr);

    /// The warning's main text (for the status bar and tests).
    static QString summary(const QString& nodeName);
};
