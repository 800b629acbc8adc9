#pragma once

#include "models/console/NodeProfile.h"

#include <QDialog>

class NodeProfiles;
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

/// Add or edit a node: display name, site, host, port. Saving first validates (NodeProfiles rules),
/// then — for a new address, a node not pinned yet, or when the user asks to check the certificate
/// again — fetches the certificate the node presents (OpsClient::probeFingerprint, nothing is sent)
/// and shows its fingerprint for the user to compare with the node's startup line
/// "api-certificate sha256 …". Only "Trust this certificate" stores the pin (docs/ops-api.md 1.2).
class NodeDialog : public QDialog
{
    Q_OBJECT

public:
    /// `profiles` checks names and addresses against the other nodes; `profile` is the node to edit
    /// (an empty id: a new node).
    NodeDialog(const NodeProfiles& profiles, const NodeProfile& profile, QWidget* parent = nullptr);

    /// The profile as confirmed (valid after accept()).
    NodeProfile profile() const { return m_profile; }

    /// Checks the form; false with a sentence for the user (also shown in the dialog).
    bool validateForm(QString* errorString = nullptr);
    /// Skips probing and trusts this fingerprint (the --fingerprint of the command line, tests).
    void setExpectedFingerprint(const QString& fingerprint) { m_expected = fingerprint; }

    QString errorText() const;
    QString presentedFingerprint() const { return m_presented; }

private:
    void save();
    void showFingerprint(const QString& fingerprint);
    void trust();
    void showError(const QString& text);
    NodeProfile formProfile() const;

    const NodeProfiles& m_profiles;
    NodeProfile m_profile;
    QString m_expected;
    QString m_presented;

    QStackedWidget* m_pages = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_site = nullptr;
    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QCheckBox* m_tls = nullptr;
    QCheckBox* m_recheck = nullptr;
    QLabel* m_pinned = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_fingerprint = nullptr;
    QLabel* m_compareText = nullptr;
    QDialogButtonBox* m_formButtons = nullptr;
    QPushButton* m_saveButton = nullptr;
    QPushButton* m_trustButton = nullptr;
};
