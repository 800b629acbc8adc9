#include "ui/dialogs/NodeDialog.h"

#include "models/console/NodeProfiles.h"
#include "net/ops/OpsClient.h"
#include "ui/dialogs/FingerprintText.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

NodeDialog::NodeDialog(const NodeProfiles& profiles, const NodeProfile& profile, QWidget* parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_profile(profile)
{
    const bool editing = !profile.id.isEmpty();
    setWindowTitle(editing ? tr("Edit node") : tr("Add node"));
    setMinimumWidth(480);

    m_pages = new QStackedWidget(this);

    // Page 1: the form.
    auto* form = new QWidget(m_pages);
    auto* formLayout = new QFormLayout;
    m_name = new QLineEdit(profile.displayName, form);
    m_name->setObjectName(QStringLiteral("displayName"));
    m_name->setPlaceholderText(tr("e.g. Main campus lab node"));
    m_site = new QLineEdit(profile.site, form);
    m_site->setObjectName(QStringLiteral("site"));
    m_host = new QLineEdit(profile.host, form);
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setPlaceholderText(tr("host name or address, e.g. vigil-lab.example.org"));
    m_port = new QSpinBox(form);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(1, 65535);
    m_port->setValue(profile.port > 0 ? profile.port : 8443);
    m_tls = new QCheckBox(tr("HTTPS with a pinned certificate (turn off only for a node run with --insecure-dev)"), form);
    m_tls->setObjectName(QStringLiteral("tls"));
    m_tls->setChecked(profile.tls);
    formLayout->addRow(tr("Display &name:"), m_name);
    formLayout->addRow(tr("&Site:"), m_site);
    formLayout->addRow(tr("&Host:"), m_host);
    formLayout->addRow(tr("&Port:"), m_port);
    formLayout->addRow(QString(), m_tls);
    m_pinned = new QLabel(form);
    m_pinned->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pinned->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pinned->setText(profile.pinnedFingerprint.isEmpty() ? tr("not pinned yet")
                                                          : FingerprintText::grouped(profile.pinnedFingerprint));
    formLayout->addRow(tr("Pinned certificate:"), m_pinned);
    m_recheck = new QCheckBox(tr("Check the node's certificate again (after it was deliberately replaced)"), form);
    m_recheck->setObjectName(QStringLiteral("recheckCertificate"));
    m_recheck->setVisible(editing && !profile.pinnedFingerprint.isEmpty());
    formLayout->addRow(QString(), m_recheck);
    m_error = new QLabel(form);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    m_formButtons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, form);
    m_formButtons->setObjectName(QStringLiteral("formButtons"));
    m_saveButton = m_formButtons->button(QDialogButtonBox::Save);
    connect(m_formButtons, &QDialogButtonBox::accepted, this, &NodeDialog::save);
    connect(m_formButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* formBox = new QVBoxLayout(form);
    formBox->addLayout(formLayout);
    formBox->addWidget(m_error);
    formBox->addStretch();
    formBox->addWidget(m_formButtons);
    m_pages->addWidget(form);

    // Page 2: compare the fingerprint.
    auto* compare = new QWidget(m_pages);
    auto* compareBox = new QVBoxLayout(compare);
    m_compareText = new QLabel(compare);
    m_compareText->setWordWrap(true);
    m_fingerprint = new QLabel(compare);
    m_fingerprint->setObjectName(QStringLiteral("fingerprint"));
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprint->setAlignment(Qt::AlignCenter);
    auto* how = new QLabel(tr("On the node's machine the same value is printed at every start, and "
                              "<code>openssl x509 -noout -fingerprint -sha256 -in api-certificate.pem</code> "
                              "shows it too. If the two differ, do not continue: someone may be intercepting "
                              "the connection."),
                           compare);
    how->setWordWrap(true);
    auto* compareButtons = new QDialogButtonBox(compare);
    m_trustButton = compareButtons->addButton(tr("&Trust this certificate"), QDialogButtonBox::AcceptRole);
    m_trustButton->setObjectName(QStringLiteral("trust"));
    auto* back = compareButtons->addButton(tr("&Back"), QDialogButtonBox::RejectRole);
    connect(m_trustButton, &QPushButton::clicked, this, &NodeDialog::trust);
    connect(back, &QPushButton::clicked, this, [this] { m_pages->setCurrentIndex(0); });
    compareBox->addWidget(m_compareText);
    compareBox->addWidget(m_fingerprint);
    compareBox->addWidget(how);
    compareBox->addStretch();
    compareBox->addWidget(compareButtons);
    m_pages->addWidget(compare);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
}

NodeProfile NodeDialog::formProfile() const
{
    NodeProfile p = m_profile;
    p.displayName = m_name->text();
    p.site = m_site->text();
    p.host = m_host->text();
    p.port = quint16(m_port->value());
    p.tls = m_tls->isChecked();
    return NodeProfiles::normalize(p);
}

QString NodeDialog::errorText() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

void NodeDialog::showError(const QString& text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

bool NodeDialog::validateForm(QString* errorString)
{
    QString error;
    const NodeProfile candidate = formProfile();
    NodeProfiles::Problem problem = m_profiles.validate(candidate, &error);
    if (problem == NodeProfiles::Problem::None) {
        // Two profiles for one address would fight over one pin and one token.
        for (const NodeProfile& other : m_profiles.profiles()) {
            if (other.id != candidate.id && other.address().compare(candidate.address(), Qt::CaseInsensitive) == 0) {
                error = tr("The node at %1 is already in the list as \"%2\".").arg(candidate.address(), other.displayName);
                problem = NodeProfiles::Problem::DisplayNameTaken;
                break;
            }
        }
    }
    showError(error);
    if (errorString)
        *errorString = error;
    if (problem == NodeProfiles::Problem::HostMissing || problem == NodeProfiles::Problem::HostInvalid)
        m_host->setFocus();
    else if (problem == NodeProfiles::Problem::DisplayNameTaken)
        m_name->setFocus();
    return problem == NodeProfiles::Problem::None && error.isEmpty();
}

void NodeDialog::save()
{
    if (!validateForm())
        return;
    const NodeProfile candidate = formProfile();
    const bool addressChanged = candidate.host != m_profile.host || candidate.port != m_profile.port;
    const bool needsProbe = candidate.tls
        && (candidate.pinnedFingerprint.isEmpty() || addressChanged || m_recheck->isChecked());
    if (!needsProbe) {
        m_profile = candidate;
        if (!candidate.tls)
            m_profile.pinnedFingerprint.clear();
        accept();
        return;
    }
    if (!m_expected.isEmpty()) {
        m_profile = candidate;
        m_profile.pinnedFingerprint = FingerprintText::normalized(m_expected);
        accept();
        return;
    }
    showError(tr("Connecting to %1 to read its certificate…").arg(candidate.address()));
    m_saveButton->setEnabled(false);
    OpsClient::probeFingerprint(candidate.host, candidate.port, this,
                                [this](const QString& fingerprint, const QString& error) {
                                    m_saveButton->setEnabled(true);
                                    if (fingerprint.isEmpty()) {
                                        showError(tr("Could not read the node's certificate: %1").arg(error));
                                        return;
                                    }
                                    showError(QString());
                                    showFingerprint(fingerprint);
                                });
}

void NodeDialog::showFingerprint(const QString& fingerprint)
{
    m_presented = fingerprint;
    const NodeProfile candidate = formProfile();
    QString intro = tr("The node at %1 presents this certificate (SHA-256). Compare it, group by group, with "
                       "the line <b>api-certificate sha256 …</b> that the node prints when it starts. Trust it "
                       "only if they are identical.")
                        .arg(candidate.address().toHtmlEscaped());
    if (!m_profile.pinnedFingerprint.isEmpty() && m_profile.pinnedFingerprint != fingerprint)
        intro += u"<br><br>" + tr("This replaces the certificate pinned until now:") + u"<br><code>"
            + FingerprintText::grouped(m_profile.pinnedFingerprint).toHtmlEscaped().replace(QStringLiteral("\n"), QStringLiteral("<br>"))
            + u"</code>";
    m_compareText->setText(intro);
    m_fingerprint->setText(FingerprintText::grouped(fingerprint));
    m_pages->setCurrentIndex(1);
    m_trustButton->setFocus();
}

void NodeDialog::trust()
{
    m_profile = formProfile();
    m_profile.pinnedFingerprint = m_presented;
    accept();
}
