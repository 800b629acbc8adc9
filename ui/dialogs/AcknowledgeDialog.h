#pragma once

#include <QDialog>
#include <QString>

class QLineEdit;
class QPushButton;

/// "I have it": acknowledges one alert with an optional note (ops API 4.19, at most 2000
/// characters). The note field has the focus and Enter acknowledges, so from the board it is two
/// keys: A, Enter.
class AcknowledgeDialog : public QDialog
{
    Q_OBJECT

public:
    AcknowledgeDialog(const QString& headline, const QString& nodeName, QWidget* parent = nullptr);

    QString note() const;
    QLineEdit* noteEdit() const { return m_note; }
    QPushButton* acknowledgeButton() const { return m_acknowledge; }

private:
    QLineEdit* m_note = nullptr;
    QPushButton* m_acknowledge = nullptr;
};
