#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QRandomGenerator>
#include <QSet>
#include <QString>
#include <QStringList>

#include <deque>
#include <functional>

/// Relative weights of the message families and the shares of special messages.
struct FeedMix
{
    int adt = 50; ///< ADT^A01/A03/A04/A08
    int orm = 20; ///< ORM^O01
    int oru = 30; ///< ORU^R01
    double criticalShare = 0.05; ///< share of new ORU results carrying an HH/LL value
    double malformedShare = 0.0; ///< share of all messages that are broken on purpose
    double duplicateShare = 0.0; ///< share of all messages that resend an earlier one
};

/// Who the generated traffic claims to come from and when.
struct SyntheticFeedOptions
{
    QString sendingApplication = QStringLiteral("VIGILFEED");
    QString sendingFacility = QStringLiteral("SYNTH_GENERAL");
    QString receivingApplication = QStringLiteral("VIGIL");
    QString receivingFacility = QStringLiteral("VIGIL_NODE");
    QString processingId = QStringLiteral("P"); ///< MSH-11
    /// MSH-10 prefix; empty derives one from the seed. Give each concurrent feed its own prefix so
    /// that (MSH-3, MSH-4, MSH-10) stays unique across runs.
    QString controlIdPrefix;
    /// Message time source. Unset: a synthetic clock that starts at `start` and advances by a random
    /// step per message, so that the output depends on the seed alone.
    std::function<QDateTime()> clock;
    QDateTime start = QDateTime(QDate(2025, 1, 6), QTime(8, 0), Qt::UTC);
};

/// Deterministic generator of realistic but entirely synthetic HL7 v2.5.1 traffic: admissions,
/// patient updates (A08), discharges, registrations, lab orders and lab results (with
/// LOINC codes, reference ranges, abnormal and critical flags, preliminary/final/corrected
/// statuses), plus malformed messages and byte-identical duplicates on request. Same seed, mix and
/// options give the same byte stream. No real patient data is involved: every name, identifier and
/// address is invented from small lists.
class SyntheticMessageFactory
{
public:
    struct Generated
    {
        QByteArray payload; ///< CR-terminated segments, no MLLP framing
        QString kind; ///< "ADT^A01", "ORU^R01", ..., or "malformed"
        QString variant; ///< malformed: which defect; ORU: "P", "F" or "C"
        bool malformed = false;
        bool duplicate = false; ///< byte-identical resend of an earlier message
        bool critical = false; ///< carries an OBX-8 of HH or LL
        bool ackExpected = true; ///< false when no receiver can answer (no MSH)
        QString controlId; ///< MSH-10 as sent; empty when the message has none
    };

    /// The defects `malformed` messages carry, one per message, chosen at random.
    static QStringList malformedVariants();

    SyntheticMessageFactory(quint32 seed, FeedMix mix, SyntheticFeedOptions options = {});

    Generated next();
    quint64 generatedCount() const { return m_generated; }

private:
    struct Patient
    {
        QString mrn;
        QString family;
        QString given;
        QString middleInitial;
        QChar sex;
        QString birthDate;
        QString street;
        QString city;
        QString postalCode;
        QString phone;
        QString clinic;
        // Set while admitted.
        QString ward;
        QString bed;
        QString visitNumber;
        QString admittedAt;
        QString attending;
    };
    struct Order
    {
        int patient = 0;
        int panel = 0;
        QString placer;
        QString filler;
        QString orderedAt;
    };
    struct ResultValue
    {
        int test = 0;
        double value = 0.0;
        QString flag;
    };
    struct PendingResult ///< a P awaiting its F, or an F awaiting a C
    {
        quint64 dueAt = 0; ///< generated-count at which it is released
        Order order;
        QList<ResultValue> values;
        QString status; ///< the status to send next
    };

    Generated nextFresh();
    Generated makeAdt();
    Generated makeOrm();
    Generated makeOru();
    Generated makeResult(const Order& order, const QList<ResultValue>& values, const QString& status);
    Generated makeMalformed();

    QByteArray msh(const QString& type, const QString& trigger, const QString& structure, const QString& controlId,
        const QString& timestamp) const;
    QByteArray pid(const Patient& p) const;
    QByteArray pv1(const Patient& p, const QString& patientClass, const QString& dischargedAt = {}) const;
    QByteArray orc(const Order& order, const QString& control, const QString& status, const QString& when) const;
    QByteArray obr(const Order& order, const QString& resultStatus, const QString& reportedAt) const;
    QList<ResultValue> drawValues(int panel, bool critical);
    ResultValue drawValue(int test, bool critical);

    int newPatient();
    int pickPatient(bool preferAdmitted);
    void admit(int patient, const QString& when);
    Order newOrder(int patient, const QString& when);
    QString nextControlId();
    QString pick(const QList<QString>& list);
    bool chance(double share);

    QRandomGenerator m_random;
    FeedMix m_mix;
    SyntheticFeedOptions m_options;
    QString m_prefix;
    quint64 m_generated = 0;
    quint64 m_controlCounter = 0;
    quint64 m_orderCounter = 0;
    quint64 m_visitCounter = 0;
    qint64 m_clockMs = 0;
    QDateTime m_now; ///< time of the message being built
    QList<Patient> m_patients;
    QList<int> m_admitted;
    QSet<QString> m_occupiedBeds;
    std::deque<Order> m_openOrders;
    std::deque<PendingResult> m_pending;
    std::deque<Generated> m_history; ///< recent well-formed messages, for duplicates
};
