#pragma once

#include <QDialog>
#include <QString>

class QComboBox;
class QPlainTextEdit;
class QPushButton;

/// Closes one alert with a disposition (ops API 4.19: treated, provider informed, false alarm, …)
/// and an optional note. No disposition is preselected: "false alarm" is counted (alert metrics
/// 4.20), so it must be a choice, not a default.
class ResolveDialog : public QDialog
{
    Q_OBJECT

public:
    ResolveDialog(const QString& headline, const QString& nodeName, QWidget* parent = nullptr);

    /// The chosen disposition code ("false_alarm"); empty until one is chosen.
    QString disposition() const;
    void setDisposition(const QString& code);
    QString note() const;

    QComboBox* dispositionBox() const { return m_disposition; }
    QPlainTextEdit* noteEdit() const { return m_note; }
    QPushButton* resolveButton() const { return m_resolve; }

private:
    void updateButton();

    QComboBox* m_disposition = nullptr;
    QPlainTextEdit* m_note = nullptr;
    QPushButton* m_resolve = nullptr;
};
