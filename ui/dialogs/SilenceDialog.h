#pragma once

#include <QDialog>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <functional>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

/// Creates a silence from an alert (ops API 4.22, support and admin): which alerts it holds (the
/// alert's rule, unit, subject, severity, category — checkboxes prefilled with the alert's values;
/// all checked ones must match), for how long (30 min, 1 h, 4 h or until a chosen time) and why (the
/// reason is required and audited). Matching alerts are still recorded and shown, as "silenced";
/// nobody is paged for them until the silence ends.
class SilenceDialog : public QDialog
{
    Q_OBJECT

public:
    /// Matcher keys, in the order shown.
    static const QStringList& matcherKeys();

    SilenceDialog(const QJsonObject& alert, const QString& nodeName, QWidget* parent = nullptr);

    /// The body of POST /api/v1/silences for what is chosen now.
    QJsonObject body() const;
    /// When the silence ends, for the outcome line (ms since the epoch).
    qint64 endsAtMs() const;
    /// Plain words for the action list: "Silence rule critical-result, unit ICU-3 for 1 h".
    QString summary() const;

    /// 30, 60, 240 minutes; 0: until the chosen end.
    void setDurationMinutes(int minutes);
    void setEnd(qint64 endsAtMs);
    void setReason(const QString& reason);
    /// Checks or unchecks one matcher (keys of matcherKeys()).
    void setMatcher(const QString& key, bool on);
    QCheckBox* matcherBox(const QString& key) const { return m_matchers.value(key); }
    QPushButton* createButton() const { return m_create; }
    QLineEdit* reasonEdit() const { return m_reason; }
    /// The wall clock (tests).
    void setClock(std::function<qint64()> clock);

private:
    void update();

    QJsonObject m_alert;
    QHash<QString, QCheckBox*> m_matchers;
    QHash<QString, QString> m_values;
    QRadioButton* m_30 = nullptr;
    QRadioButton* m_60 = nullptr;
    QRadioButton* m_240 = nullptr;
    QRadioButton* m_custom = nullptr;
    QDateTimeEdit* m_until = nullptr;
    QLineEdit* m_reason = nullptr;
    QLabel* m_effect = nullptr;
    QPushButton* m_create = nullptr;
    std::function<qint64()> m_clock;
};
