#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QLineEdit;

/// The reason a state-changing action goes to the audit log with (docs/ops-api.md 4.14: 5–500
/// characters after trimming). Says how many characters are still needed, so a disabled button is
/// never a riddle.
class ReasonEdit : public QWidget
{
    Q_OBJECT

public:
    static constexpr int MinLength = 5;
    static constexpr int MaxLength = 500;

    explicit ReasonEdit(QWidget* parent = nullptr);

    /// The reason, trimmed.
    QString text() const;
    void setText(const QString& text);
    bool isValid() const;
    void setPlaceholderText(const QString& text);
    QLineEdit* lineEdit() const { return m_edit; }

signals:
    /// The reason became long enough, or stopped being so.
    void validityChanged(bool valid);

private:
    void refreshHint();

    QLineEdit* m_edit = nullptr;
    QLabel* m_hint = nullptr;
    bool m_valid = false;
};
