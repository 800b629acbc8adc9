#include "node/alerts/AlertService.h"

#include "models/hl7/Hl7Message.h"
#include "node/alerts/AlertMetrics.h"
#include "node/alerts/WebhookNotifier.h"
#include "node/audit/WriteTransaction.h"
#include "node/metrics/MetricsRegistry.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QScopeGuard>

#include <algorithm>

Q_LOGGING_CATEGORY(lcAlerts, "vigil.node.alerts")

namespace {

constexpr auto StreamChannel = "stream";
/// The timer never sleeps longer than this, so a wall clock that jumps is noticed within a minute.
constexpr qint64 MaxSleepMs = 60 * 1000;
/// Silences are re-read at least this often (another process may not change them, but time passes).
constexpr qint64 SilenceCacheMs = 1000;

bool isPage(const QString& reason)
{
    return reason == u"raised" || reason == u"escalated" || reason == u"repeated";
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

AlertService::AlertService(AlertsConfig config, AlertStore& store, MetricsRegistry* metrics, AlertClock clock,
                           QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_store(store)
    , m_metrics(metrics)
    , m_clock(std::move(clock))
    , m_machine(m_clock)
    , m_operational(m_config.operational)
{
    for (const CriticalResultRuleConfig& rule : std::as_const(m_config.criticalResults))
        m_criticalRules.append(CriticalResultRule(rule));
    m_webhooks = std::make_unique<WebhookNotifier>(m_config.webhooks, m_store, m_clock);
    connect(m_webhooks.get(), &WebhookNotifier::failed, this, &AlertService::onWebhookFailed);
    connect(m_webhooks.get(), &WebhookNotifier::delivered, this, [this] {
        if (m_metrics)
            m_metrics->add(AlertMetrics::Notifications, {{"channel", QStringLiteral("webhook")}, {"outcome", QStringLiteral("delivered")}});
    });
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &AlertService::onTimer);
    if (m_metrics)
        declareMetrics();
}

AlertService::~AlertService()
{
    stop();
}

void AlertService::declareMetrics()
{
    AlertMetrics::declare(*m_metrics);
    // The registry may outlive this service (it belongs to the node): a stale collector does nothing.
    m_metrics->addCollector([self = QPointer<AlertService>(this)](MetricsRegistry& r) {
        if (!self)
            return;
        const AlertFigures figures = self->m_store.figures();
        for (AlertSeverity severity : {AlertSeverity::Critical, AlertSeverity::High, AlertSeverity::Medium,
                                       AlertSeverity::Low}) {
            const QString name = AlertNames::severity(severity);
            r.set(AlertMetrics::Open, {{"severity", name}}, double(figures.openBySeverity.value(name)));
        }
        r.set(AlertMetrics::SuppressedOpen, {}, double(figures.suppressedOpen));
        r.set(AlertMetrics::NotificationsPending, {{"state", QStringLiteral("pending")}}, double(figures.notificationsPending));
        r.set(AlertMetrics::NotificationsPending, {{"state", QStringLiteral("failed")}}, double(figures.notificationsFailed));
    });
}

void AlertService::setRecoverySource(RecoverySource source, qint64 lastMessageId)
{
    m_recovery = std::move(source);
    m_lastMessageIdAtStart = lastMessageId;
}

bool AlertService::start(QString* errorString)
{
    m_started = true;
    const std::optional<qint64> mark = m_store.rulesMark();
    if (!mark) {
        // First start with alerts: messages already stored are history, not news.
        if (!m_store.setRulesMark(m_lastMessageIdAtStart, errorString))
            return false;
        m_savedMark = m_lastSeenMessageId = m_lastMessageIdAtStart;
    } else {
        m_savedMark = m_lastSeenMessageId = *mark;
        catchUp();
    }
    // Stream notifications committed just before a crash were never announced: announce them now
    // (consoles that reconnect resynchronise anyway; this keeps the outbox honest).
    QHash<qint64, QList<AlertNotification>> unannounced;
    for (const NotificationRecord& n : m_store.dueNotifications(QString::fromLatin1(StreamChannel), m_clock(), 10000))
        unannounced[n.alertId].append(AlertNotification{n.alertId, n.reason, n.level, n.recipients, n.createdAtMs});
    for (auto it = unannounced.cbegin(); it != unannounced.cend(); ++it) {
        if (const auto alert = m_store.byId(it.key(), false))
            announceStream(*alert, it.value());
    }
    for (const Alert& alert : m_store.withWakeTimes())
        scheduleWake(alert);
    armTimer();
    m_webhooks->poke();
    qCInfo(lcAlerts) << "alerts: rules version" << m_config.version << "with" << m_criticalRules.size()
                     << "clinical and" << m_config.operational.size() << "operational rules;" << m_wakes.size()
                     << "timers restored";
    return true;
}

void AlertService::stop()
{
    m_timer.stop();
    if (m_webhooks)
        m_webhooks->stop();
    m_started = false;
}

const EscalationPolicy& AlertService::policyOf(const QString& name) const
{
    if (const EscalationPolicy* p = m_config.policy(name))
        return *p;
    if (!m_config.policies.isEmpty())
        return m_config.policies.constFirst();
    // The config loader refuses a rule without a policy; this only keeps a broken config from crashing.
    static const EscalationPolicy fallback{QStringLiteral("fallback"),
                                           {EscalationLevel{{Recipient{QStringLiteral("team"), QStringLiteral("support")}}, 300}}};
    return fallback;
}

void AlertService::catchUp()
{
    if (!m_recovery)
        return;
    int evaluated = 0;
    for (;;) {
        const QList<AcceptedMessage> page = m_recovery(m_lastSeenMessageId, 500);
        for (const AcceptedMessage& message : page) {
            onMessageAccepted(message);
            ++evaluated;
        }
        if (page.size() < 500)
            break;
    }
    saveRulesMark();
    if (evaluated > 0)
        qCInfo(lcAlerts) << "alerts: evaluated" << evaluated << "messages stored before the last stop";
}

void AlertService::saveRulesMark()
{
    if (m_lastSeenMessageId <= m_savedMark)
        return;
    QString error;
    if (m_store.setRulesMark(m_lastSeenMessageId, &error))
        m_savedMark = m_lastSeenMessageId;
    else
        qCWarning(lcAlerts) << "alerts: cannot record the rules' position:" << error;
}

void AlertService::onMessageAccepted(const AcceptedMessage& message)
{
    // This runs on the ingest thread for every accepted message: most results are normal and change
    // nothing, so they cost no write (their position is saved with the next write or within a second).
    const QList<AlertSignal> effective = effectiveSignals(message);
    m_lastSeenMessageId = std::max(m_lastSeenMessageId, message.messageId);
    if (effective.isEmpty())
        return;
    // The alerts a message raises and the rules' position after it commit together: after a crash
    // the message is either fully evaluated or evaluated again, never half.
    WriteTransaction transaction(m_store.database());
    for (const AlertSignal& signal : effective)
        applySignal(signal);
    QString error;
    if (transaction.isActive() && m_store.setRulesMark(m_lastSeenMessageId, &error) && transaction.commit())
        m_savedMark = m_lastSeenMessageId;
    else {
        m_store.forgetOpenKeys();
        qCCritical(lcAlerts) << "alerts: cannot commit the evaluation of message" << message.messageId << ":"
                             << (error.isEmpty() ? transaction.error() : error);
    }
}

QList<AlertSignal> AlertService::effectiveSignals(const AcceptedMessage& message) const
{
    const bool fhir = message.format == u"fhir+json";
    if (!fhir && message.format != u"hl7v2")
        return {};
    QList<const CriticalResultRule*> rules;
    for (const CriticalResultRule& rule : std::as_const(m_criticalRules)) {
        if (fhir ? rule.appliesToFhir(message.messageType) : rule.appliesTo(message.messageType, message.triggerEvent))
            rules.append(&rule);
    }
    if (rules.isEmpty())
        return {};
    const CriticalResultRule::Source source{message.messageId, message.correlationId, message.unit};
    // A normal result clears an alert only where one is open (a correction may reopen one).
    QList<AlertSignal> effective;
    if (fhir) {
        // The FHIR endpoint does not hand over its parse: read the body again, once for all rules.
        const QJsonObject resource = QJsonDocument::fromJson(message.raw).object();
        for (const CriticalResultRule* rule : std::as_const(rules))
            effective += rule->evaluate(resource, source, &m_store);
        return effective;
    }
    std::optional<Hl7Message> reparsed;
    const Hl7Message* hl7 = message.parsed.get();
    if (!hl7) {
        Hl7Message::ParseResult parsed = Hl7Message::parse(message.raw);
        if (!parsed.ok())
            return {};                               // accepted messages parse; nothing to evaluate otherwise
        reparsed = std::move(parsed.message);
        hl7 = &*reparsed;
    }
    for (const CriticalResultRule* rule : std::as_const(rules))
        effective += rule->evaluate(*hl7, source, &m_store);
    return effective;
}

void AlertService::onSample(const OperationalSample& sample)
{
    saveRulesMark();
    for (const AlertSignal& signal : m_operational.evaluate(sample))
        applySignal(signal);
}

void AlertService::applySignal(const AlertSignal& signal)
{
    std::optional<Alert> open = m_store.openByKey(signal.ruleId, signal.dedupKey);
    // Operational rules repeat their raise every second while a condition holds: an open alert
    // already says so, and folding each repeat would only churn the store.
    if (open && signal.category == AlertCategory::Operational && signal.kind == AlertSignal::Kind::Raise
        && signal.severity == open->severity)
        return;
    if (!open && signal.kind == AlertSignal::Kind::Clear && !signal.correction)
        return;                                      // nothing raised, nothing to clear
    std::optional<Alert> lastClosed;
    if (!open || signal.kind != AlertSignal::Kind::Clear)
        lastClosed = m_store.lastClosedByKey(signal.ruleId, signal.dedupKey);
    const Silence* silence = signal.kind == AlertSignal::Kind::Raise ? activeSilenceFor(signal) : nullptr;
    const EscalationPolicy& policy = policyOf(signal.policy);

    const int openHistory = open ? int(open->history.size()) : 0;
    const int closedHistory = lastClosed ? int(lastClosed->history.size()) : 0;
    const bool wasOpen = open.has_value();
    const AlertState openStateBefore = open ? open->state : AlertState::Open;
    AlertStateMachine::KeyContext context{open ? &*open : nullptr, lastClosed ? &*lastClosed : nullptr, silence,
                                          &policy};
    AlertStateMachine::SignalResult result = m_machine.onSignal(signal, context);

    QString error;
    if (result.created) {
        Change change{*result.created, 0, true, result.step.notifications};
        if (!commit(change, {}, &error)) {
            qCCritical(lcAlerts) << "rule" << signal.ruleId << "could not store a new alert:" << error;
            return;
        }
        count(result.step, change.alert, std::nullopt);
    } else if (wasOpen && result.step.changed) {
        Change change{*open, openHistory, false, result.step.notifications};
        if (!commit(change, {}, &error)) {
            qCCritical(lcAlerts) << "rule" << signal.ruleId << "could not update alert" << open->id << ":" << error;
            return;
        }
        count(result.step, change.alert, openStateBefore);
    }
    if (result.updatedLastClosed) {
        Change change{*result.updatedLastClosed, closedHistory, false,
                      result.created || (wasOpen && result.step.changed) ? QList<AlertNotification>{}
                                                                         : result.step.notifications};
        const AlertState closedBefore = lastClosed->state;
        if (!commit(change, {}, &error))
            qCCritical(lcAlerts) << "rule" << signal.ruleId << "could not update closed alert" << change.alert.id
                                 << ":" << error;
        else
            count({}, change.alert, closedBefore);
    }
}

void AlertService::count(const AlertStateMachine::Step& step, const Alert& alert, std::optional<AlertState> before)
{
    if (!m_metrics)
        return;
    const MetricLabels rule{{"rule", alert.ruleId}};
    if (step.deduplicated)
        m_metrics->add(AlertMetrics::Deduplicated, rule, step.deduplicated);
    if (step.escalations)
        m_metrics->add(AlertMetrics::Escalations, rule, step.escalations);
    // Raised = paged for the first time: at creation, or when a silence or cooldown let it go.
    if (alert.state == AlertState::Notified && (!before || *before == AlertState::Suppressed)) {
        m_metrics->add(AlertMetrics::Raised, {{"rule", alert.ruleId}, {"severity", AlertNames::severity(alert.severity)}});
    }
    if (!before && alert.state == AlertState::Suppressed) {
        m_metrics->add(AlertMetrics::Suppressed, {{"rule", alert.ruleId},
                                                  {"reason", alert.silenceId ? QStringLiteral("silence")
                                                                             : QStringLiteral("cooldown")}});
    }
    if (before && alert.state == AlertState::Acknowledged && *before != AlertState::Acknowledged
        && alert.notifiedAtMs > 0) {
        m_metrics->observe(AlertMetrics::TimeToAcknowledge, {{"severity", AlertNames::severity(alert.severity)}},
                           double(alert.acknowledgedAtMs - alert.notifiedAtMs) / 1000.0);
    }
    // Closed now (or retracted after a resolution): resolutions by their disposition, else the state.
    if (before && AlertNames::isTerminal(alert.state) && alert.state != *before) {
        const QString disposition = alert.state == AlertState::Resolved && !alert.disposition.isEmpty()
            ? alert.disposition
            : AlertNames::state(alert.state);
        m_metrics->add(AlertMetrics::Dispositions, {{"disposition", disposition}});
    }
}

bool AlertService::commit(Change& change, const InTransaction& audit, QString* errorString)
{
    // Each notification goes to the stream and to the webhooks whose filters take it; notifications
    // with the same channels are written together.
    QList<QPair<QStringList, QList<AlertNotification>>> groups;
    for (const AlertNotification& n : std::as_const(change.notifications)) {
        QStringList channels{QString::fromLatin1(StreamChannel)};
        channels += m_webhooks->channelsFor(change.alert, n.reason);
        auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == channels; });
        if (group == groups.end())
            groups.append({channels, {n}});
        else
            group->second.append(n);
    }

    WriteTransaction transaction(m_store.database());
    // The store's set of open keys follows each write at once; a rollback must make it read again.
    auto forgetOnRollback = qScopeGuard([this] { m_store.forgetOpenKeys(); });
    if (!transaction.isActive()) {
        if (errorString)
            *errorString = transaction.error();
        return false;
    }
    int firstNew = change.firstNewTransition;
    qsizetype next = 0;
    if (change.created) {
        const auto first = groups.isEmpty() ? QList<AlertNotification>{} : groups.constFirst().second;
        const auto channels = groups.isEmpty() ? QStringList{} : groups.constFirst().first;
        if (!m_store.insert(change.alert, first, channels, errorString))
            return false;
        next = 1;
        firstNew = int(change.alert.history.size());
        for (AlertNotification& n : change.notifications)
            n.alertId = change.alert.id;
    }
    if (!change.created || next < groups.size()) {
        for (; next < groups.size() || (next == 0 && groups.isEmpty()); ++next) {
            QList<AlertNotification> notifications = groups.isEmpty() ? QList<AlertNotification>{} : groups.at(next).second;
            for (AlertNotification& n : notifications)
                n.alertId = change.alert.id;
            const QStringList channels = groups.isEmpty() ? QStringList{} : groups.at(next).first;
            if (!m_store.save(change.alert, firstNew, notifications, channels, errorString))
                return false;
            firstNew = int(change.alert.history.size());
            if (groups.isEmpty())
                break;
        }
    }
    if (audit && !audit()) {
        if (errorString)
            *errorString = QStringLiteral("the audit log could not be written; nothing was changed");
        return false;
    }
    if (!transaction.commit()) {
        if (errorString)
            *errorString = transaction.error();
        return false;
    }
    forgetOnRollback.dismiss();

    scheduleWake(change.alert);
    armTimer();
    announceStream(change.alert, change.notifications);
    if (!change.notifications.isEmpty())
        m_webhooks->poke();
    return true;
}

void AlertService::announceStream(const Alert& alert, const QList<AlertNotification>& notifications)
{
    emit alertChanged(alert, notifications);
    if (notifications.isEmpty())
        return;
    // The event is out: the stream's outbox rows are delivered.
    const qint64 now = m_clock();
    for (const NotificationRecord& n : m_store.notificationsOf(alert.id)) {
        if (n.channel == QLatin1StringView(StreamChannel) && n.state == u"pending") {
            m_store.markDelivered(n.id, now, 1);
            if (m_metrics)
                m_metrics->add(AlertMetrics::Notifications, {{"channel", QStringLiteral("stream")}, {"outcome", QStringLiteral("delivered")}});
        }
    }
}

AlertService::Result AlertService::runAction(qint64 alertId,
                                             const std::function<AlertStateMachine::Step(Alert&)>& action,
                                             const InTransaction& audit)
{
    std::optional<Alert> alert = m_store.byId(alertId, true);
    if (!alert)
        return Result{404, QStringLiteral("not-found"), QStringLiteral("no alert %1").arg(alertId), {}, {}};
    const int firstNew = int(alert->history.size());
    const AlertState before = alert->state;
    const AlertStateMachine::Step step = action(*alert);
    if (!step.refusal.isEmpty())
        return Result{409, QStringLiteral("refused"), step.refusal, alert, {}};
    Change change{*alert, firstNew, false, step.notifications};
    QString error;
    if (!commit(change, audit, &error)) {
        qCCritical(lcAlerts) << "alert" << alertId << "could not be changed:" << error;
        return Result{500, QStringLiteral("internal"), QStringLiteral("the alert could not be saved: %1").arg(error),
                      {}, {}};
    }
    count(step, change.alert, before);
    return Result{200, {}, {}, change.alert, {}};
}

AlertService::Result AlertService::acknowledge(qint64 alertId, const QString& actor, const QString& note,
                                               const InTransaction& audit)
{
    return runAction(alertId, [&](Alert& a) { return m_machine.acknowledge(a, actor, note, &policyOf(a.policy)); }, audit);
}

AlertService::Result AlertService::resolve(qint64 alertId, const QString& actor, const QString& disposition,
                                           const QString& note, const InTransaction& audit)
{
    if (!AlertNames::dispositions().contains(disposition)) {
        return Result{422, QStringLiteral("invalid"),
                      QStringLiteral("disposition must be one of: %1").arg(AlertNames::dispositions().join(u", ")),
                      {}, {}};
    }
    return runAction(alertId, [&](Alert& a) { return m_machine.resolve(a, actor, disposition, note, &policyOf(a.policy)); }, audit);
}

AlertService::Result AlertService::escalate(qint64 alertId, const QString& actor, const QString& note,
                                            const InTransaction& audit)
{
    return runAction(alertId, [&](Alert& a) { return m_machine.escalate(a, actor, note, policyOf(a.policy)); },
                     audit);
}

void AlertService::scheduleWake(const Alert& alert)
{
    if (const auto it = m_wakeOf.constFind(alert.id); it != m_wakeOf.constEnd()) {
        m_wakes.remove(it.value(), alert.id);
        m_wakeOf.erase(it);
    }
    const qint64 wake = alert.nextWakeMs();
    if (wake > 0) {
        m_wakes.insert(wake, alert.id);
        m_wakeOf.insert(alert.id, wake);
    }
}

void AlertService::armTimer()
{
    if (!m_started)
        return;
    if (m_wakes.isEmpty()) {
        m_timer.stop();
        return;
    }
    const qint64 wait = std::clamp(m_wakes.firstKey() - m_clock(), qint64(0), MaxSleepMs);
    m_timer.start(int(wait));
}

void AlertService::onTimer()
{
    checkDeadlines();
}

void AlertService::checkDeadlines()
{
    const qint64 now = m_clock();
    QList<qint64> due;
    for (auto it = m_wakes.cbegin(); it != m_wakes.cend() && it.key() <= now; ++it)
        due.append(it.value());
    for (const qint64 id : std::as_const(due)) {
        std::optional<Alert> alert = m_store.byId(id, true);
        if (!alert) {
            m_wakes.remove(m_wakeOf.take(id), id);
            continue;
        }
        const int firstNew = int(alert->history.size());
        const AlertState before = alert->state;
        const AlertStateMachine::Step step = m_machine.onDeadline(*alert, policyOf(alert->policy), suppressedUntil(*alert));
        if (!step.changed) {
            scheduleWake(*alert);                    // not due after all (e.g. changed meanwhile)
            continue;
        }
        Change change{*alert, firstNew, false, step.notifications};
        QString error;
        if (!commit(change, {}, &error)) {
            // Still due in the store, so a restart fires it; here, try again in a second rather than
            // spinning on a store that keeps failing.
            qCCritical(lcAlerts) << "alert" << id << "deadline could not be stored:" << error;
            m_wakes.remove(m_wakeOf.value(id), id);
            m_wakes.insert(now + 1000, id);
            m_wakeOf.insert(id, now + 1000);
            continue;
        }
        count(step, change.alert, before);
    }
    armTimer();
}

void AlertService::reloadSilences()
{
    const qint64 now = m_clock();
    m_activeSilences = m_store.silences(now);
    m_silencesLoadedAtMs = now;
}

const Silence* AlertService::activeSilenceFor(const AlertSignal& signal)
{
    const qint64 now = m_clock();
    if (now - m_silencesLoadedAtMs >= SilenceCacheMs || now < m_silencesLoadedAtMs)
        reloadSilences();
    const Silence* best = nullptr;
    for (const Silence& s : std::as_const(m_activeSilences)) {
        if (s.isActiveAt(now) && s.matches(signal) && (!best || s.endsAtMs > best->endsAtMs))
            best = &s;
    }
    return best;
}

qint64 AlertService::suppressedUntil(const Alert& alert) const
{
    if (alert.state != AlertState::Suppressed)
        return 0;
    const qint64 now = m_clock();
    qint64 until = 0;
    for (const Silence& s : m_store.silences(now)) {
        if (s.matches(alert))
            until = std::max(until, s.endsAtMs);
    }
    return until;
}

std::optional<AlertService::Result> AlertService::writeSilence(Silence& silence, bool insert, const InTransaction& audit)
{
    WriteTransaction transaction(m_store.database());
    QString error;
    const bool written = transaction.isActive()
        && (insert ? m_store.insertSilence(silence, &error) : m_store.updateSilence(silence, &error));
    if (!written || (audit && !audit()) || !transaction.commit()) {
        if (error.isEmpty())
            error = transaction.error();
        return Result{500, QStringLiteral("internal"), QStringLiteral("the silence could not be saved: %1").arg(error),
                      {}, {}};
    }
    reloadSilences();
    return std::nullopt;
}

AlertService::Result AlertService::createSilence(Silence silence, const QString& actor, const InTransaction& audit)
{
    const qint64 now = m_clock();
    if (!silence.hasMatcher())
        return Result{422, QStringLiteral("invalid"),
                      QStringLiteral("a silence needs at least one of ruleId, unit, subject, severity, category"), {}, {}};
    if (silence.reason.trimmed().isEmpty())
        return Result{422, QStringLiteral("invalid"), QStringLiteral("a silence needs a reason"), {}, {}};
    if (silence.startsAtMs == 0)
        silence.startsAtMs = now;
    if (silence.endsAtMs <= std::max(now, silence.startsAtMs))
        return Result{422, QStringLiteral("invalid"), QStringLiteral("endsAt must be in the future and after startsAt"),
                      {}, {}};
    silence.createdBy = actor;
    silence.createdAtMs = now;
    silence.updatedAtMs = now;
    if (auto failure = writeSilence(silence, true, audit))
        return *failure;
    qCInfo(lcAlerts) << "silence" << silence.id << "created by" << actor << "until" << isoTime(silence.endsAtMs);
    return Result{201, {}, {}, {}, silence};
}

AlertService::Result AlertService::updateSilence(qint64 id, std::optional<qint64> endsAtMs,
                                                 std::optional<QString> reason, const QString& actor,
                                                 const InTransaction& audit)
{
    std::optional<Silence> silence = m_store.silence(id);
    if (!silence)
        return Result{404, QStringLiteral("not-found"), QStringLiteral("no silence %1").arg(id), {}, {}};
    const qint64 now = m_clock();
    if (!silence->expiredBy.isEmpty() || silence->endsAtMs <= now)
        return Result{409, QStringLiteral("refused"), QStringLiteral("silence %1 has ended").arg(id), {}, silence};
    if (endsAtMs) {
        if (*endsAtMs <= now)
            return Result{422, QStringLiteral("invalid"),
                          QStringLiteral("endsAt must be in the future (to end it now, delete it)"), {}, {}};
        silence->endsAtMs = *endsAtMs;
    }
    if (reason) {
        if (reason->trimmed().isEmpty())
            return Result{422, QStringLiteral("invalid"), QStringLiteral("a silence needs a reason"), {}, {}};
        silence->reason = *reason;
    }
    silence->updatedAtMs = now;
    if (auto failure = writeSilence(*silence, false, audit))
        return *failure;
    qCInfo(lcAlerts) << "silence" << id << "changed by" << actor;
    // A shortened silence: the alerts it holds wake at its new end (an extended one is checked when
    // their old deadline comes).
    if (endsAtMs)
        moveSuppressionDeadlines(id, *endsAtMs, actor, QStringLiteral("silence %1 now ends at %2").arg(id).arg(isoTime(*endsAtMs)));
    return Result{200, {}, {}, {}, silence};
}

AlertService::Result AlertService::expireSilence(qint64 id, const QString& actor, const InTransaction& audit)
{
    std::optional<Silence> silence = m_store.silence(id);
    if (!silence)
        return Result{404, QStringLiteral("not-found"), QStringLiteral("no silence %1").arg(id), {}, {}};
    const qint64 now = m_clock();
    if (!silence->expiredBy.isEmpty() || silence->endsAtMs <= now)
        return Result{409, QStringLiteral("refused"), QStringLiteral("silence %1 has already ended").arg(id), {},
                      silence};
    silence->expiredBy = actor;
    silence->endsAtMs = std::max(silence->startsAtMs, now);
    silence->updatedAtMs = now;
    if (auto failure = writeSilence(*silence, false, audit))
        return *failure;
    qCInfo(lcAlerts) << "silence" << id << "ended by" << actor;
    moveSuppressionDeadlines(id, now, actor, QStringLiteral("silence %1 ended").arg(id));
    return Result{200, {}, {}, {}, silence};
}

void AlertService::moveSuppressionDeadlines(qint64 silenceId, qint64 untilMs, const QString& actor, const QString& note)
{
    AlertFilter filter;
    filter.states = {AlertState::Suppressed};
    filter.limit = 10000;
    for (const Alert& listed : m_store.list(filter)) {
        if (listed.silenceId != silenceId || listed.deadlineMs <= untilMs)
            continue;
        std::optional<Alert> alert = m_store.byId(listed.id, true);
        if (!alert)
            continue;
        const int firstNew = int(alert->history.size());
        alert->deadlineMs = untilMs;
        alert->updatedAtMs = m_clock();
        alert->history.append(AlertTransition{alert->updatedAtMs, alert->state, alert->state, QStringLiteral("suppress"),
                                              QStringLiteral("user:%1").arg(actor), alert->level, note, {}});
        Change change{*alert, firstNew, false, {}};
        QString error;
        if (!commit(change, {}, &error))
            qCCritical(lcAlerts) << "alert" << alert->id << "suppression change could not be stored:" << error;
    }
    armTimer();
}

void AlertService::onWebhookFailed(qint64 notificationId, qint64 alertId, int level, const QString& error)
{
    if (m_metrics)
        m_metrics->add(AlertMetrics::Notifications, {{"channel", QStringLiteral("webhook")}, {"outcome", QStringLiteral("failed")}});
    std::optional<Alert> alert = m_store.byId(alertId, true);
    if (!alert)
        return;
    const int firstNew = int(alert->history.size());
    const AlertState before = alert->state;
    const qint64 now = m_clock();
    alert->history.append(AlertTransition{now, alert->state, alert->state, QStringLiteral("notification-failed"),
                                          QStringLiteral("system"), alert->level,
                                          QStringLiteral("notification %1 failed: %2").arg(notificationId).arg(error),
                                          {}});
    alert->updatedAtMs = now;
    // No black holes: when every paging channel of that level failed, the next level is paged now.
    bool allPagesFailed = true;
    bool anyPage = false;
    for (const NotificationRecord& n : m_store.notificationsOf(alertId)) {
        if (n.level != level || !n.channel.startsWith(u"webhook:") || !isPage(n.reason))
            continue;
        anyPage = true;
        allPagesFailed &= n.state == u"failed";
    }
    AlertStateMachine::Step step;
    if (anyPage && allPagesFailed)
        step = m_machine.onDeliveryFailed(*alert, level, policyOf(alert->policy));
    Change change{*alert, firstNew, false, step.notifications};
    QString saveError;
    if (!commit(change, {}, &saveError))
        qCCritical(lcAlerts) << "alert" << alertId << "notification failure could not be recorded:" << saveError;
    else
        count(step, change.alert, before);
}
