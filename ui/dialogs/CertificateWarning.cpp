#include "ui/dialogs/CertificateWarning.h"

#include "ui/dialogs/FingerprintText.h"

CertificateWarning::CertificateWarning(const QString& nodeName, const QString& address,
                                       const QString& pinnedFingerprint, const QString& presentedFingerprint,
                                       QWidget* parent)
    : QMessageBox(parent)
{
    setObjectName(QStringLiteral("certificateWarning"));
    setIcon(QMessageBox::Warning);
    setWindowTitle(tr("Certificate changed"));
    setText(summary(nodeName));
    const auto code = [](const QString& fp) -> QString {
        return u"<pre>" + FingerprintText::grouped(fp).toHtmlEscaped() + u"</pre>";
    };
    setInformativeText(
        tr("<p>The console refused the connection to %1 and sent nothing: no password, no token.</p>"
           "<p>Pinned until now:</p>%2<p>Presented now:</p>%3"
           "<p>This happens when the node's certificate was replaced (its certificate files were re-created or "
           "renewed, or another node now answers at this address) — or when someone is intercepting the "
           "connection. Ask whoever runs the node to read the line <b>api-certificate sha256 …</b> it printed at "
           "its last start. Only if it matches the new value, open <b>Node › Edit node…</b>, tick "
           "<i>Check the node's certificate again</i> and trust it.</p>")
            .arg(address.toHtmlEscaped(), code(pinnedFingerprint), code(presentedFingerprint)));
    setStandardButtons(QMessageBox::Close);
}

QString CertificateWarning::summary(const QString& nodeName)
{
    return tr("The certificate of node %1 has changed.").arg(nodeName);
}
