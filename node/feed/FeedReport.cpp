#include "node/feed/FeedReport.h"

using namespace Qt::StringLiterals;

namespace {

QString ms(double value)
{
    return QString::number(value, 'f', value < 10.0 ? 2 : 1);
}

} // namespace

double FeedReport::sentPerSecond() const
{
    return elapsedMs > 0 ? double(sent) * 1000.0 / double(elapsedMs) : 0.0;
}

QString FeedReport::toText() const
{
    QString out;
    out += u"sent %1 in %2 s (%3 msg/s); malformed %4, duplicates %5, critical results %6\n"_s.arg(sent)
               .arg(QString::number(double(elapsedMs) / 1000.0, 'f', 2))
               .arg(QString::number(sentPerSecond(), 'f', 1))
               .arg(malformedSent)
               .arg(duplicateSent)
               .arg(criticalSent);
    out += u"acks: AA %1, AE %2, AR %3, CA %4, CE %5, CR %6\n"_s.arg(aa).arg(ae).arg(ar).arg(ca).arg(ce).arg(cr);
    out += u"wrong acks: msa2-mismatch %1, invalid %2\n"_s.arg(msa2Mismatch).arg(invalidAck);
    out += u"no ack: timeout %1, closed %2, connect %3, other %4 (of which %5 expected: no MSH)\n"_s.arg(timeout)
               .arg(closed)
               .arg(connectFailed)
               .arg(otherFailure)
               .arg(noAckWhereNoneExpected);
    if (abandoned > 0 || inFlight > 0)
        out += u"unfinished: in flight %1, abandoned %2\n"_s.arg(inFlight).arg(abandoned);
    out += u"latency ms (%1 responses): p50 %2, p90 %3, p99 %4, max %5\n"_s.arg(latencySamples)
               .arg(ms(p50Ms), ms(p90Ms), ms(p99Ms), ms(maxMs));
    return out;
}

QString FeedReport::progressLine() const
{
    return u"%1 s: sent %2, acked %3 (AA %4, AE %5, AR %6), no ack %7, in flight %8, p50 %9 ms, p99 %10 ms"_s
        .arg(QString::number(double(elapsedMs) / 1000.0, 'f', 0))
        .arg(sent)
        .arg(acks())
        .arg(aa)
        .arg(ae)
        .arg(ar)
        .arg(noAck())
        .arg(inFlight)
        .arg(ms(p50Ms), ms(p99Ms));
}

QJsonObject FeedReport::toJson() const
{
    return QJsonObject {
        { u"sent"_s, sent },
        { u"elapsedMs"_s, elapsedMs },
        { u"sentPerSecond"_s, sentPerSecond() },
        { u"generated"_s,
            QJsonObject { { u"malformed"_s, malformedSent }, { u"duplicate"_s, duplicateSent },
                { u"critical"_s, criticalSent } } },
        { u"acks"_s,
            QJsonObject { { u"AA"_s, aa }, { u"AE"_s, ae }, { u"AR"_s, ar }, { u"CA"_s, ca }, { u"CE"_s, ce },
                { u"CR"_s, cr } } },
        { u"msa2Mismatch"_s, msa2Mismatch },
        { u"invalidAck"_s, invalidAck },
        { u"noAck"_s,
            QJsonObject { { u"timeout"_s, timeout }, { u"closed"_s, closed }, { u"connect"_s, connectFailed },
                { u"other"_s, otherFailure }, { u"expected"_s, noAckWhereNoneExpected },
                { u"unexpected"_s, unexpectedNoAck() } } },
        { u"inFlight"_s, inFlight },
        { u"abandoned"_s, abandoned },
        { u"latencyMs"_s,
            QJsonObject { { u"samples"_s, latencySamples }, { u"p50"_s, p50Ms }, { u"p90"_s, p90Ms },
                { u"p99"_s, p99Ms }, { u"max"_s, maxMs } } },
    };
}
