#include "ui/views/EscalationText.h"

#include "models/console/AlertHistoryModel.h"
#include "models/console/EscalationQueueModel.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace {

// Tr::tr rather than a free tr() helper: lupdate gives a free function no context and warns.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(EscalationText)
};

QIcon standard(QStyle::StandardPixmap pixmap)
{
    return QApplication::style() ? QApplication::style()->standardIcon(pixmap) : QIcon();
}

bool isPage(const QString& reason)
{
    return reason == u"raised" || reason == u"escalated" || reason == u"repeated" || reason == u"updated"
        || reason == u"corrected";
}

} // namespace

namespace EscalationText {

QString recipient(const QString& code, const QString& alertUnit)
{
    if (code == u"unit")
        return alertUnit.isEmpty() ? Tr::tr("the unit's nurses") : Tr::tr("nurses of %1").arg(alertUnit);
    const qsizetype colon = code.indexOf(u':');
    if (colon < 0)
        return code;
    const QString kind = code.left(colon);
    const QString name = code.mid(colon + 1);
    if (kind == u"unit")
        return Tr::tr("nurses of %1").arg(name);
    if (kind == u"role")
        return QString(name).replace(u'-', u' ');
    if (kind == u"team")
        return Tr::tr("%1 team").arg(name);
    return name;
}

QString recipients(const QStringList& codes, const QString& alertUnit)
{
    QStringList words;
    for (const QString& code : codes)
        words.append(recipient(code, alertUnit));
    return words.join(u", "_s);
}

QString countdown(qint64 countdownMs)
{
    if (countdownMs >= 0)
        return Tr::tr("in %1", "escalates in m:ss").arg(EscalationQueueModel::countdownText(countdownMs));
    return Tr::tr("OVERDUE %1", "escalation overdue by m:ss").arg(EscalationQueueModel::countdownText(countdownMs).mid(1));
}

QString level(int level)
{
    return Tr::tr("level %1", "escalation level").arg(level + 1);
}

QString channel(const QString& code)
{
    if (code == u"stream")
        return Tr::tr("console stream");
    if (code.startsWith(u"webhook:"))
        return Tr::tr("webhook %1").arg(code.mid(8));
    return code;
}

QString time(qint64 ms)
{
    if (ms <= 0)
        return QString();
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    const QLocale locale;
    if (at.date() == QDate::currentDate())
        return locale.toString(at.time(), u"HH:mm:ss"_s);
    return locale.toString(at, u"d MMM HH:mm:ss"_s);
}

QString delivery(const QString& state, int attempts, const QString& lastError, qint64 nextAttemptAtMs)
{
    if (state == u"delivered")
        return Tr::tr("delivered");
    if (state == u"failed") {
        QString text = attempts > 0 ? Tr::tr("failed after %n attempt(s)", nullptr, attempts) : Tr::tr("failed");
        if (!lastError.isEmpty())
            text += u": " + lastError;
        return text;
    }
    if (state == u"pending") {
        QString text = Tr::tr("not delivered yet");
        if (attempts > 0)
            text += u", " + Tr::tr("%n attempt(s) so far", nullptr, attempts);
        if (!lastError.isEmpty())
            text += u", " + Tr::tr("last error: %1").arg(lastError);
        if (nextAttemptAtMs > 0)
            text += u", " + Tr::tr("next try %1").arg(time(nextAttemptAtMs));
        return text;
    }
    return state;
}

QString historyLine(const QModelIndex& row, const QString& alertUnit)
{
    const QString kind = row.data(AlertHistoryModel::KindRole).toString();
    const int lvl = row.data(AlertHistoryModel::LevelRole).toInt();
    const QStringList who = row.data(AlertHistoryModel::RecipientsRole).toStringList();
    if (kind == u"notification") {
        const QString reason = row.data(AlertHistoryModel::ReasonRole).toString();
        const QString verb = isPage(reason) ? Tr::tr("paged %1", "paged <recipients>") : Tr::tr("told %1", "told <recipients>");
        return Tr::tr("%1 (%2) — %3", "<paged whom> (<channel>) — <delivery>")
            .arg(verb.arg(recipients(who, alertUnit)),
                 channel(row.data(AlertHistoryModel::ChannelRole).toString()),
                 delivery(row.data(AlertHistoryModel::DeliveryStateRole).toString(),
                          row.data(AlertHistoryModel::AttemptsRole).toInt(),
                          row.data(AlertHistoryModel::LastErrorRole).toString(),
                          row.data(AlertHistoryModel::NextAttemptAtMsRole).toLongLong()));
    }
    const QString what = row.data(AlertHistoryModel::WhatRole).toString();
    const QString actorKind = row.data(AlertHistoryModel::ActorKindRole).toString();
    const QString actorName = row.data(AlertHistoryModel::ActorNameRole).toString();
    const bool byUser = actorKind == u"user";
    // People's own words; the node's account of system steps repeats what the line says, except
    // why a notification failed.
    const QString note = what == u"notification-failed" ? row.data(AlertHistoryModel::NoteRole).toString()
                                                         : row.data(AlertHistoryModel::UserNoteRole).toString();
    const QString whom = recipients(who, alertUnit);
    QString text;
    if (what == u"raise") {
        if (row.data(AlertHistoryModel::ToStateRole).toString() == u"suppressed")
            text = Tr::tr("raised while silenced — nobody paged");
        else if (actorKind == u"rule")
            text = Tr::tr("raised by rule %1").arg(actorName);
        else
            text = Tr::tr("raised");
    } else if (what == u"notify") {
        text = whom.isEmpty() ? Tr::tr("paged %1").arg(level(lvl)) : Tr::tr("paged %1: %2").arg(level(lvl), whom);
    } else if (what == u"escalate") {
        text = whom.isEmpty() ? Tr::tr("escalated to %1").arg(level(lvl))
                              : Tr::tr("escalated to %1: %2").arg(level(lvl), whom);
        const QString cause = row.data(AlertHistoryModel::CauseRole).toString();
        if (cause == u"timeout")
            text += u" — " + Tr::tr("nobody acknowledged in time");
        else if (cause == u"pages-failed")
            text += u" — " + Tr::tr("every page of the level before failed");
    } else if (what == u"repeat") {
        text = whom.isEmpty() ? Tr::tr("paged %1 again").arg(level(lvl)) : Tr::tr("paged %1 again: %2").arg(level(lvl), whom);
    } else if (what == u"acknowledge") {
        text = byUser ? Tr::tr("acknowledged by %1").arg(actorName) : Tr::tr("acknowledged");
    } else if (what == u"reopen") {
        text = whom.isEmpty() ? Tr::tr("acknowledged but not resolved in time: paged %1 again").arg(level(lvl))
                              : Tr::tr("acknowledged but not resolved in time: paged %1 again: %2").arg(level(lvl), whom);
    } else if (what == u"resolve") {
        text = byUser ? Tr::tr("resolved by %1").arg(actorName) : Tr::tr("resolved");
        const QString disposition = row.data(AlertHistoryModel::DispositionRole).toString();
        if (!disposition.isEmpty())
            text += u" (" + QString(disposition).replace(u'_', u' ') + u')';
    } else if (what == u"retract") {
        text = Tr::tr("retracted: the result was posted in error");
    } else if (what == u"expire") {
        text = Tr::tr("expired");
    } else if (what == u"update") {
        text = Tr::tr("updated with new evidence");
    } else if (what == u"suppress") {
        text = Tr::tr("held back by a silence or cooldown");
    } else if (what == u"unsuppress") {
        text = Tr::tr("silence ended");
    } else if (what == u"withdraw") {
        text = Tr::tr("withdrawn: a corrected result is no longer critical");
    } else if (what == u"notification-failed") {
        text = Tr::tr("notification failed");
    } else {
        text = what;
    }
    if (byUser && what != u"acknowledge" && what != u"resolve")
        text += u' ' + Tr::tr("by %1", "done by <user>").arg(actorName);
    if (!note.isEmpty())
        text += u": " + note;
    return text;
}

QString auditAction(const QString& code)
{
    static const QList<std::pair<QStringView, const char*>> names{
        {u"sign-in", QT_TRANSLATE_NOOP("EscalationText", "Signed in")},
        {u"sign-in-failed", QT_TRANSLATE_NOOP("EscalationText", "Sign-in failed")},
        {u"sign-out", QT_TRANSLATE_NOOP("EscalationText", "Signed out")},
        {u"search-patient", QT_TRANSLATE_NOOP("EscalationText", "Searched by patient")},
        {u"export-messages", QT_TRANSLATE_NOOP("EscalationText", "Exported messages")},
        {u"reveal-phi", QT_TRANSLATE_NOOP("EscalationText", "Revealed patient data")},
        {u"resubmit", QT_TRANSLATE_NOOP("EscalationText", "Resubmitted")},
        {u"alert-acknowledge", QT_TRANSLATE_NOOP("EscalationText", "Acknowledged an alert")},
        {u"alert-resolve", QT_TRANSLATE_NOOP("EscalationText", "Resolved an alert")},
        {u"alert-escalate", QT_TRANSLATE_NOOP("EscalationText", "Escalated an alert")},
        {u"silence-create", QT_TRANSLATE_NOOP("EscalationText", "Created a silence")},
        {u"silence-update", QT_TRANSLATE_NOOP("EscalationText", "Changed a silence")},
        {u"silence-expire", QT_TRANSLATE_NOOP("EscalationText", "Ended a silence")},
        {u"user-add", QT_TRANSLATE_NOOP("EscalationText", "Added a user")},
        {u"user-passwd", QT_TRANSLATE_NOOP("EscalationText", "Changed a password")},
        {u"user-disable", QT_TRANSLATE_NOOP("EscalationText", "Disabled a user")},
        {u"user-enable", QT_TRANSLATE_NOOP("EscalationText", "Enabled a user")},
    };
    for (const auto& [key, text] : names) {
        if (key == code)
            return Tr::tr(text);
    }
    return code;
}

QStringList auditActions()
{
    return {u"sign-in"_s,         u"sign-in-failed"_s, u"sign-out"_s,       u"search-patient"_s,
            u"export-messages"_s, u"reveal-phi"_s,     u"resubmit"_s,       u"alert-acknowledge"_s,
            u"alert-resolve"_s,   u"alert-escalate"_s, u"silence-create"_s, u"silence-update"_s,
            u"silence-expire"_s,  u"user-add"_s,       u"user-passwd"_s,    u"user-disable"_s,
            u"user-enable"_s};
}

QString auditOutcome(const QString& code)
{
    if (code == u"ok")
        return Tr::tr("Done", "audit outcome ok");
    if (code == u"denied")
        return Tr::tr("Refused", "audit outcome denied");
    if (code == u"failed")
        return Tr::tr("Failed", "audit outcome failed");
    return code;
}

QIcon overdueIcon()
{
    return standard(QStyle::SP_MessageBoxWarning);
}

QIcon deliveryIcon(const QString& state)
{
    if (state == u"delivered")
        return standard(QStyle::SP_DialogApplyButton);
    if (state == u"failed")
        return standard(QStyle::SP_MessageBoxCritical);
    return standard(QStyle::SP_BrowserReload);
}

QIcon outcomeIcon(const QString& outcome)
{
    if (outcome == u"ok")
        return standard(QStyle::SP_DialogApplyButton);
    if (outcome == u"denied")
        return standard(QStyle::SP_DialogCancelButton);
    return standard(QStyle::SP_MessageBoxWarning);
}

} // namespace EscalationText
