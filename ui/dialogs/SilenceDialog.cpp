#include "ui/dialogs/SilenceDialog.h"

#include "models/console/AlertWording.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int kMaxReason = 2000;
constexpr qint64 kMaxMinutes = 10080; // ops API 4.22
} // namespace

const QStringList& SilenceDialog::matcherKeys()
{
    static const QStringList keys { u"ruleId"_s, u"unit"_s, u"subject"_s, u"severity"_s, u"category"_s };
    return keys;
}

SilenceDialog::SilenceDialog(const QJsonObject& alert, const QString& nodeName, QWidget* parent)
    : QDialog(parent)
    , m_alert(alert)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    setWindowTitle(tr("Silence alerts like this"));
    const qint64 now = m_clock();
    auto* what = new QLabel(AlertWording::headline(alert, now), this);
    what->setWordWrap(true);
    what->setTextFormat(Qt::PlainText);
    QFont bold = what->font();
    bold.setBold(true);
    what->setFont(bold);
    auto* intro = new QLabel(tr("On %1. While the silence lasts, new alerts that match every checked item are "
                                "recorded and shown as silenced, but nobody is paged.")
                                 .arg(nodeName),
        this);
    intro->setWordWrap(true);

    auto* matchBox = new QGroupBox(tr("Silence alerts with"), this);
    auto* matchLayout = new QVBoxLayout(matchBox);
    const QString subject = alert.value(u"subject").toString();
    const QString testText = alert.value(u"evidence").toObject().value(u"text").toString();
    for (const QString& key : matcherKeys()) {
        const QString value = alert.value(key).toString();
        m_values.insert(key, value);
        QString label;
        if (key == u"ruleId")
            label = tr("the same rule: %1").arg(value);
        else if (key == u"unit")
            label = tr("the same unit: %1").arg(value);
        else if (key == u"subject")
            label = testText.isEmpty()
                ? tr("the same subject: %1").arg(subject)
                : tr("the same test: %1 (%2)").arg(AlertWording::testName(testText, subject), subject);
        else if (key == u"severity")
            label = tr("the same severity: %1").arg(AlertWording::severityName(value));
        else
            label = tr("the same category: %1").arg(AlertWording::categoryName(value));
        auto* box = new QCheckBox(label, matchBox);
        box->setMinimumHeight(32);
        // Narrow by default: this rule, this unit, this test. Severity and category alone would
        // silence far more than the alert in front of the user.
        box->setChecked(!value.isEmpty() && (key == u"ruleId" || key == u"unit" || key == u"subject"));
        box->setEnabled(!value.isEmpty());
        box->setVisible(!value.isEmpty());
        connect(box, &QCheckBox::toggled, this, &SilenceDialog::update);
        m_matchers.insert(key, box);
        matchLayout->addWidget(box);
    }

    auto* durationBox = new QGroupBox(tr("For"), this);
    auto* durationLayout = new QHBoxLayout(durationBox);
    m_30 = new QRadioButton(tr("30 min"), durationBox);
    m_60 = new QRadioButton(tr("1 h"), durationBox);
    m_240 = new QRadioButton(tr("4 h"), durationBox);
    m_custom = new QRadioButton(tr("Until"), durationBox);
    m_until = new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(now + 8 * 3600 * 1000), durationBox);
    m_until->setCalendarPopup(true);
    m_until->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    m_until->setEnabled(false);
    auto* group = new QButtonGroup(this);
    for (QRadioButton* b : { m_30, m_60, m_240, m_custom }) {
        b->setMinimumHeight(32);
        group->addButton(b);
        durationLayout->addWidget(b);
        connect(b, &QRadioButton::toggled, this, &SilenceDialog::update);
    }
    durationLayout->addWidget(m_until, 1);
    m_60->setChecked(true);
    connect(m_until, &QDateTimeEdit::dateTimeChanged, this, &SilenceDialog::update);

    m_reason = new QLineEdit(this);
    m_reason->setPlaceholderText(tr("Why (required), e.g. lab analyser being recalibrated"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setMaxLength(kMaxReason);
    m_reason->setMinimumHeight(36);
    auto* reasonLabel = new QLabel(tr("&Reason:"), this);
    reasonLabel->setBuddy(m_reason);
    connect(m_reason, &QLineEdit::textChanged, this, &SilenceDialog::update);

    m_effect = new QLabel(this);
    m_effect->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(this);
    m_create = buttons->addButton(tr("&Create silence"), QDialogButtonBox::AcceptRole);
    m_create->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    for (QAbstractButton* b : buttons->buttons())
        b->setMinimumHeight(40);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_create->isEnabled())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addWidget(intro);
    layout->addWidget(matchBox);
    layout->addWidget(durationBox);
    layout->addWidget(reasonLabel);
    layout->addWidget(m_reason);
    layout->addWidget(m_effect);
    layout->addWidget(buttons);
    update();
    m_reason->setFocus();
    resize(560, sizeHint().height());
}

void SilenceDialog::setClock(std::function<qint64()> clock)
{
    m_clock = clock ? std::move(clock) : [] { return QDateTime::currentMSecsSinceEpoch(); };
    update();
}

void SilenceDialog::setDurationMinutes(int minutes)
{
    (minutes == 30 ? m_30 : minutes == 60 ? m_60 : minutes == 240 ? m_240 : m_custom)->setChecked(true);
}

void SilenceDialog::setEnd(qint64 endsAtMs)
{
    m_custom->setChecked(true);
    m_until->setDateTime(QDateTime::fromMSecsSinceEpoch(endsAtMs));
}

void SilenceDialog::setReason(const QString& reason)
{
    m_reason->setText(reason);
}

void SilenceDialog::setMatcher(const QString& key, bool on)
{
    if (QCheckBox* box = m_matchers.value(key); box && box->isEnabled())
        box->setChecked(on);
}

qint64 SilenceDialog::endsAtMs() const
{
    const qint64 now = m_clock();
    if (m_30->isChecked())
        return now + 30 * 60'000;
    if (m_60->isChecked())
        return now + 60 * 60'000;
    if (m_240->isChecked())
        return now + 240 * 60'000;
    return m_until->dateTime().toMSecsSinceEpoch();
}

QJsonObject SilenceDialog::body() const
{
    QJsonObject body;
    for (const QString& key : matcherKeys()) {
        const QCheckBox* box = m_matchers.value(key);
        if (box && box->isChecked() && !m_values.value(key).isEmpty())
            body.insert(key, m_values.value(key));
    }
    body.insert(u"reason"_s, m_reason->text().trimmed());
    if (m_custom->isChecked()) {
        // The node reads a time without an offset in its own zone: always send UTC with the Z.
        body.insert(u"endsAt"_s, m_until->dateTime().toUTC().toString(Qt::ISODateWithMs));
    } else {
        body.insert(u"durationMinutes"_s, m_30->isChecked() ? 30 : m_60->isChecked() ? 60 : 240);
    }
    return body;
}

QString SilenceDialog::summary() const
{
    QStringList what;
    for (const QString& key : matcherKeys()) {
        const QCheckBox* box = m_matchers.value(key);
        if (box && box->isChecked() && !m_values.value(key).isEmpty())
            what << m_values.value(key);
    }
    return tr("Silence %1 until %2").arg(what.join(u", "_s), AlertWording::clockText(endsAtMs(), m_clock()));
}

void SilenceDialog::update()
{
    if (!m_reason || !m_effect || !m_create)
        return; // still being built
    m_until->setEnabled(m_custom->isChecked());
    bool anyMatcher = false;
    for (const QCheckBox* box : std::as_const(m_matchers))
        anyMatcher = anyMatcher || (box->isChecked() && box->isEnabled());
    const qint64 now = m_clock();
    const qint64 end = endsAtMs();
    const qint64 minutes = (end - now) / 60'000;
    const bool endOk = end > now && minutes <= kMaxMinutes;
    const bool reasonOk = !m_reason->text().trimmed().isEmpty();
    m_create->setEnabled(anyMatcher && endOk && reasonOk);
    QString effect;
    if (!anyMatcher)
        effect = tr("Check at least one item: a silence without one would hold nothing.");
    else if (!endOk)
        effect = end <= now ? tr("The end must be in the future.") : tr("A silence lasts at most 7 days.");
    else if (!reasonOk)
        effect = tr("Say why: the reason is kept in the audit log.");
    else
        effect = tr("Nobody is paged for matching alerts until %1 (%2 from now).")
                     .arg(AlertWording::clockText(end, now), AlertWording::durationText(end - now));
    m_effect->setText(effect);
}
