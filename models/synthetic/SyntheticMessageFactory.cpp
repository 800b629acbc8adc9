#include "models/synthetic/SyntheticMessageFactory.h"

#include <QTimeZone>

#include <cmath>
#include <initializer_list>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

// Every value below is invented. Phone numbers use the fictional 555-01xx range.
const QList<QString> kFamilyNames = {
    u"ASHGROVE"_s,
    u"BRACKENRIDGE"_s,
    u"CALDERWOOD"_s,
    u"DUNMORE"_s,
    u"ELSWORTH"_s,
    u"FENWICKE"_s,
    u"GALLOWAY"_s,
    u"HARTWELL"_s,
    u"INGLEBY"_s,
    u"JARROW"_s,
    u"KESTREL"_s,
    u"LANGDALE"_s,
    u"MERRIDEW"_s,
    u"NORCROSS"_s,
    u"OAKENSHAW"_s,
    u"PEMBERLY"_s,
    u"QUARRIE"_s,
    u"ROOKSBY"_s,
    u"SALTMARSH"_s,
    u"THISTLEWOOD"_s,
    u"UPCOTT"_s,
    u"VANTREE"_s,
    u"WHINFELL"_s,
    u"YARDLEY"_s,
};
const QList<QString> kFemaleNames = {
    u"ALMA"_s,
    u"BRYONY"_s,
    u"CELESTE"_s,
    u"DELPHINE"_s,
    u"EDWINA"_s,
    u"FREYA"_s,
    u"GWENDA"_s,
    u"HONOR"_s,
    u"IMOGEN"_s,
    u"JUNO"_s,
    u"LORNA"_s,
    u"MAELLE"_s,
    u"NERYS"_s,
    u"OPAL"_s,
    u"ROWENA"_s,
    u"TAMSIN"_s,
};
const QList<QString> kMaleNames = {
    u"ALARIC"_s,
    u"BARNABY"_s,
    u"CASPIAN"_s,
    u"DORIAN"_s,
    u"EVANDER"_s,
    u"FINLO"_s,
    u"GIDEON"_s,
    u"HALLAM"_s,
    u"IGNATIUS"_s,
    u"JASPER"_s,
    u"LEOFRIC"_s,
    u"MERRICK"_s,
    u"ORRIN"_s,
    u"PERCIVAL"_s,
    u"SILAS"_s,
    u"TOBIAS"_s,
};
const QList<QString> kStreets
    = { u"ALDER"_s, u"BIRCH"_s, u"CEDAR"_s, u"HAWTHORN"_s, u"LINDEN"_s, u"ROWAN"_s, u"WILLOW"_s };
const QList<QString> kStreetKinds = { u"ST"_s, u"AVE"_s, u"RD"_s, u"LN"_s, u"WAY"_s };
const QList<QString> kCities = { u"NORTHFIELD"_s, u"EASTBROOK"_s, u"WESTMERE"_s, u"SOUTHAVEN"_s, u"MIDDLETON"_s };
const QList<QString> kDoctors = {
    u"1001^WARDLAW^ELLEN^^^DR"_s,
    u"1002^OKONKWO^TEMPERANCE^^^DR"_s,
    u"1003^LINDQVIST^ARVID^^^DR"_s,
    u"1004^FAIRBAIRN^MORAG^^^DR"_s,
    u"1005^DESAI^RANJIT^^^DR"_s,
    u"1006^MORROW^CLEMENCY^^^DR"_s,
};
const QList<QString> kWards = { u"4B"_s, u"5A"_s, u"6C"_s, u"2W"_s, u"ICU"_s, u"CCU"_s };
constexpr int kBedsPerWard = 24;
const QList<QString> kClinics = { u"OPD1"_s, u"OPD2"_s, u"ED"_s };
const QList<QString> kDiagnoses = {
    u"J18.9^Pneumonia, unspecified organism^I10"_s,
    u"I21.4^Non-ST elevation (NSTEMI) myocardial infarction^I10"_s,
    u"N17.9^Acute kidney failure, unspecified^I10"_s,
    u"E11.65^Type 2 diabetes mellitus with hyperglycemia^I10"_s,
    u"K35.80^Unspecified acute appendicitis^I10"_s,
    u"I50.9^Heart failure, unspecified^I10"_s,
    u"A41.9^Sepsis, unspecified organism^I10"_s,
};
const QList<QString> kAllergens = { u"70618^Penicillin^RXNORM"_s, u"2670^Codeine^RXNORM"_s, u"1191^Aspirin^RXNORM"_s };
const QList<QString> kAllergySeverity = { u"MI"_s, u"MO"_s, u"SV"_s };
const QList<QString> kReactions = { u"Rash"_s, u"Hives"_s, u"Nausea"_s, u"Wheeze"_s };
const QList<QString> kRelations
    = { u"SPO^Spouse^HL70063"_s, u"CHD^Child^HL70063"_s, u"PAR^Parent^HL70063"_s, u"SIB^Sibling^HL70063"_s };
const QList<QString> kGarbageLines = {
    u"#### truncated by interface engine ####"_s,
    u"lorem ipsum dolor sit amet"_s,
    u"~~~~ 0xDEADBEEF ~~~~"_s,
    u"12345 67890 ABCDE"_s,
};

constexpr double kNoLimit = -1.0;

struct LabTest
{
    const char16_t* loinc;
    const char16_t* name;
    const char16_t* unit;
    double low;
    double high;
    double criticalLow; // kNoLimit when there is no lower panic limit
    double criticalHigh;
    int decimals;
};

// Reference ranges and panic limits typical of adult chemistry and haematology.
const LabTest kTests[] = {
    { u"2823-3", u"Potassium [Moles/volume] in Serum or Plasma", u"mmol/L", 3.5, 5.1, 2.8, 6.2, 1 },
    { u"2951-2", u"Sodium [Moles/volume] in Serum or Plasma", u"mmol/L", 136, 145, 120, 160, 0 },
    { u"2345-7", u"Glucose [Mass/volume] in Serum or Plasma", u"mg/dL", 70, 99, 40, 450, 0 },
    { u"718-7", u"Hemoglobin [Mass/volume] in Blood", u"g/dL", 12.0, 17.5, 7.0, 20.0, 1 },
    { u"10839-9", u"Troponin I.cardiac [Mass/volume] in Serum or Plasma", u"ng/mL", 0.0, 0.04, kNoLimit, 0.5, 2 },
};

struct LabPanel
{
    const char16_t* code;
    const char16_t* name;
    const char16_t* section; // OBR-24 diagnostic service section
    int tests[3];
    int testCount;
};

const LabPanel kPanels[] = {
    { u"24320-4", u"Basic metabolic 1998 panel - Serum or Plasma", u"CH", { 1, 0, 2 }, 3 },
    { u"24326-1", u"Electrolytes 1998 panel - Serum or Plasma", u"CH", { 1, 0 }, 2 },
    { u"58410-2", u"CBC panel - Blood by Automated count", u"HM", { 3 }, 1 },
    { u"10839-9", u"Troponin I.cardiac [Mass/volume] in Serum or Plasma", u"CH", { 4 }, 1 },
    { u"2345-7", u"Glucose [Mass/volume] in Serum or Plasma", u"CH", { 2 }, 1 },
};
constexpr int kPanelCount = int(std::size(kPanels));

QString str(const char16_t* s)
{
    return QString::fromUtf16(s);
}

QString hl7Time(const QDateTime& t)
{
    const int offset = t.offsetFromUtc() / 60;
    const QChar sign = offset < 0 ? u'-' : u'+';
    return t.toString(u"yyyyMMddHHmmss"_s) % sign % QString::number(std::abs(offset) / 60).rightJustified(2, u'0')
        % QString::number(std::abs(offset) % 60).rightJustified(2, u'0');
}

// Builds one segment from (field number, value) pairs; fields not given are empty.
QByteArray segment(const char* name, std::initializer_list<std::pair<int, QString>> fields)
{
    int last = 0;
    for (const auto& f : fields) {
        if (!f.second.isEmpty())
            last = std::max(last, f.first); // trailing empty fields are not sent
    }
    QList<QString> values(last);
    for (const auto& f : fields) {
        if (f.first <= last)
            values[f.first - 1] = f.second;
    }
    QByteArray out(name);
    for (const QString& v : values) {
        out += '|';
        out += v.toUtf8();
    }
    out += '\r';
    return out;
}

QString flagFor(const LabTest& test, double value)
{
    if (test.criticalLow != kNoLimit && value < test.criticalLow)
        return u"LL"_s;
    if (value > test.criticalHigh)
        return u"HH"_s;
    if (value < test.low)
        return u"L"_s;
    if (value > test.high)
        return u"H"_s;
    return u"N"_s;
}

double roundTo(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

} // namespace

QStringList SyntheticMessageFactory::malformedVariants()
{
    return { u"missing-msh10"_s, u"missing-msh9"_s, u"garbage-segment"_s, u"no-msh"_s, u"pid-without-pid3"_s };
}

SyntheticMessageFactory::SyntheticMessageFactory(quint32 seed, FeedMix mix, SyntheticFeedOptions options)
    : m_random(seed)
    , m_mix(mix)
    , m_options(std::move(options))
{
    m_mix.adt = std::max(0, m_mix.adt);
    m_mix.orm = std::max(0, m_mix.orm);
    m_mix.oru = std::max(0, m_mix.oru);
    if (m_mix.adt + m_mix.orm + m_mix.oru == 0)
        m_mix.adt = 1;
    m_prefix = m_options.controlIdPrefix.isEmpty() ? u"VF"_s % QString::number(seed, 16).toUpper() % u'-'
                                                   : m_options.controlIdPrefix;
}

SyntheticMessageFactory::Generated SyntheticMessageFactory::next()
{
    if (m_options.clock) {
        m_now = m_options.clock();
    } else {
        m_clockMs += m_random.bounded(500, 4000);
        m_now = m_options.start.addMSecs(m_clockMs);
    }

    Generated out;
    if (!m_history.empty() && chance(m_mix.duplicateShare)) {
        out = m_history[m_random.bounded(int(m_history.size()))];
        out.duplicate = true;
    } else if (chance(m_mix.malformedShare)) {
        out = makeMalformed();
    } else {
        out = nextFresh();
        m_history.push_back(out);
        if (m_history.size() > 64)
            m_history.pop_front();
    }
    ++m_generated;
    return out;
}

SyntheticMessageFactory::Generated SyntheticMessageFactory::nextFresh()
{
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (it->dueAt > m_generated)
            continue;
        const PendingResult due = *it;
        m_pending.erase(it);
        return makeResult(due.order, due.values, due.status);
    }
    const int roll = m_random.bounded(m_mix.adt + m_mix.orm + m_mix.oru);
    if (roll < m_mix.adt)
        return makeAdt();
    if (roll < m_mix.adt + m_mix.orm)
        return makeOrm();
    return makeOru();
}

SyntheticMessageFactory::Generated SyntheticMessageFactory::makeAdt()
{
    // A01 30 %, A08 35 %, A03 20 %, A04 15 %, adjusted to what the census allows.
    const int roll = m_random.bounded(100);
    QString trigger = roll < 30 ? u"A01"_s : roll < 65 ? u"A08"_s : roll < 85 ? u"A03"_s : u"A04"_s;
    const int capacity = int(kWards.size()) * kBedsPerWard;
    if ((trigger == u"A08"_s || trigger == u"A03"_s) && m_admitted.isEmpty())
        trigger = u"A01"_s;
    if (trigger == u"A01"_s && m_admitted.size() >= capacity * 3 / 4)
        trigger = u"A03"_s;

    const QString when = hl7Time(m_now);
    const QString controlId = nextControlId();
    const QString structure = trigger == u"A03"_s ? u"ADT_A03"_s : u"ADT_A01"_s;
    QByteArray body = msh(u"ADT"_s, trigger, structure, controlId, when);
    body += segment("EVN", { { 1, trigger }, { 2, when }, { 6, when } });

    int index = 0;
    if (trigger == u"A01"_s) {
        index = pickPatient(false);
        if (!m_patients[index].ward.isEmpty())
            index = newPatient();
        admit(index, when);
        const Patient& p = m_patients[index];
        body += pid(p);
        if (chance(0.5)) {
            body += segment("NK1",
                { { 1, u"1"_s }, { 2, pick(kFamilyNames) % u'^' % pick(chance(0.5) ? kFemaleNames : kMaleNames) },
                    { 3, pick(kRelations) },
                    { 5, u"(555)555-01"_s % QString::number(m_random.bounded(100)).rightJustified(2, u'0') } });
        }
        body += pv1(p, u"I"_s);
        if (chance(0.3))
            body += segment("AL1",
                { { 1, u"1"_s }, { 2, u"DA"_s }, { 3, pick(kAllergens) }, { 4, pick(kAllergySeverity) },
                    { 5, pick(kReactions) } });
        if (chance(0.6))
            body += segment("DG1", { { 1, u"1"_s }, { 3, pick(kDiagnoses) }, { 5, when }, { 6, u"A"_s } });
    } else if (trigger == u"A08"_s) {
        index = m_admitted[m_random.bounded(int(m_admitted.size()))];
        Patient& p = m_patients[index];
        // An update carries changed demographics now and then, like a corrected phone number.
        if (chance(0.3))
            p.phone = u"(555)555-01"_s % QString::number(m_random.bounded(100)).rightJustified(2, u'0');
        body += pid(p);
        body += pv1(p, u"I"_s);
    } else if (trigger == u"A03"_s) {
        const int slot = m_random.bounded(int(m_admitted.size()));
        index = m_admitted.takeAt(slot);
        Patient& p = m_patients[index];
        body += pid(p);
        body += pv1(p, u"I"_s, when);
        body += segment("DG1", { { 1, u"1"_s }, { 3, pick(kDiagnoses) }, { 5, p.admittedAt }, { 6, u"F"_s } });
        m_occupiedBeds.remove(p.bed);
        p.ward.clear();
        p.bed.clear();
    } else {
        index = pickPatient(false);
        if (!m_patients[index].ward.isEmpty())
            index = newPatient(); // an inpatient is not registered as an outpatient
        Patient& p = m_patients[index];
        p.visitNumber = u"V"_s % QString::number(++m_visitCounter).rightJustified(8, u'0');
        body += pid(p);
        body += pv1(p, u"O"_s);
    }

    Generated out;
    out.payload = body;
    out.kind = u"ADT^"_s % trigger;
    out.controlId = controlId;
    return out;
}

SyntheticMessageFactory::Generated SyntheticMessageFactory::makeOrm()
{
    const QString when = hl7Time(m_now);
    const QString controlId = nextControlId();
    const int index = pickPatient(true);
    const Order order = newOrder(index, when);
    m_openOrders.push_back(order);
    if (m_openOrders.size() > 200)
        m_openOrders.pop_front();

    const Patient& p = m_patients[index];
    QByteArray body = msh(u"ORM"_s, u"O01"_s, u"ORM_O01"_s, controlId, when);
    body += pid(p);
    body += pv1(p, p.ward.isEmpty() ? u"O"_s : u"I"_s);
    body += orc(order, u"NW"_s, {}, when);
    body += obr(order, {}, {});

    Generated out;
    out.payload = body;
    out.kind = u"ORM^O01"_s;
    out.controlId = controlId;
    return out;
}

SyntheticMessageFactory::Generated SyntheticMessageFactory::makeOru()
{
    Order order;
    if (!m_openOrders.empty() && chance(0.75)) {
        order = m_openOrders.front();
        m_openOrders.pop_front();
    } else {
        order = newOrder(pickPatient(true), hl7Time(m_now.addSecs(-3600)));
    }
    if (order.filler.isEmpty())
        order.filler = u"FIL"_s % order.placer.mid(3);

    const QList<ResultValue> values = drawValues(order.panel, chance(m_mix.criticalShare));
    // Labs phone and send preliminary results first now and then, and correct a final one rarely.
    if (chance(0.08)) {
        m_pending.push_back({ m_generated + quint64(m_random.bounded(3, 16)), order, values, u"F"_s });
        return makeResult(order, values, u"P"_s);
    }
    if (chance(0.04)) {
        QList<ResultValue> corrected = values;
        const int which = m_random.bounded(int(corrected.size()));
        corrected[which] = drawValue(corrected[which].test, chance(m_mix.criticalShare));
        m_pending.push_back({ m_generated + quint64(m_random.bounded(5, 26)), order, corrected, u"C"_s });
    }
    return makeResult(order, values, u"F"_s);
}

SyntheticMessageFactory::Generated SyntheticMessageFactory::makeResult(
    const Order& order, const QList<ResultValue>& values, const QString& status)
{
    const QString when = hl7Time(m_now);
    const QString controlId = nextControlId();
    const Patient& p = m_patients[order.patient];
    QByteArray body = msh(u"ORU"_s, u"R01"_s, u"ORU_R01"_s, controlId, when);
    body += pid(p);
    body += pv1(p, p.ward.isEmpty() ? u"O"_s : u"I"_s);
    body += orc(order, u"RE"_s, status == u"P"_s ? u"A"_s : u"CM"_s, when);
    body += obr(order, status, when);

    bool critical = false;
    int setId = 0;
    for (const ResultValue& v : values) {
        const LabTest& t = kTests[v.test];
        critical = critical || v.flag == u"HH"_s || v.flag == u"LL"_s;
        const QString high = QString::number(t.high, 'f', t.decimals);
        const QString range
            = t.low == 0.0 ? QString(u'<' % high) : QString(QString::number(t.low, 'f', t.decimals) % u'-' % high);
        body += segment("OBX",
            { { 1, QString::number(++setId) }, { 2, u"NM"_s }, { 3, str(t.loinc) % u'^' % str(t.name) % u"^LN"_s },
                { 4, u"1"_s }, { 5, QString::number(v.value, 'f', t.decimals) },
                { 6, str(t.unit) % u'^' % str(t.unit) % u"^UCUM"_s }, { 7, range }, { 8, v.flag }, { 11, status },
                { 14, order.orderedAt }, { 19, when } });
    }

    Generated out;
    out.payload = body;
    out.kind = u"ORU^R01"_s;
    out.variant = status;
    out.critical = critical;
    out.controlId = controlId;
    return out;
}

SyntheticMessageFactory::Generated SyntheticMessageFactory::makeMalformed()
{
    const QStringList variants = malformedVariants();
    const QString variant = variants[m_random.bounded(int(variants.size()))];
    const QString when = hl7Time(m_now);
    const int index = pickPatient(true);
    Patient p = m_patients[index];

    Generated out;
    out.kind = u"malformed"_s;
    out.variant = variant;
    out.malformed = true;
    QByteArray tail;
    if (variant == u"pid-without-pid3"_s)
        p.mrn.clear();
    tail += segment("EVN", { { 1, u"A08"_s }, { 2, when } });
    tail += pid(p);
    if (variant == u"garbage-segment"_s)
        tail += pick(kGarbageLines).toUtf8() + '\r';
    tail += pv1(p, p.ward.isEmpty() ? u"O"_s : u"I"_s);

    if (variant == u"no-msh"_s) {
        out.ackExpected = false; // nothing tells a receiver where to send an ACK
        out.payload = tail;
        return out;
    }
    out.controlId = variant == u"missing-msh10"_s ? QString() : nextControlId();
    QByteArray header = msh(u"ADT"_s, u"A08"_s, u"ADT_A01"_s, out.controlId, when);
    if (variant == u"missing-msh9"_s)
        header.replace("|ADT^A08^ADT_A01|", "||");
    out.payload = header + tail;
    return out;
}

QByteArray SyntheticMessageFactory::msh(const QString& type, const QString& trigger, const QString& structure,
    const QString& controlId, const QString& timestamp) const
{
    const QString line = u"MSH|^~\\&|"_s % m_options.sendingApplication % u'|' % m_options.sendingFacility % u'|'
        % m_options.receivingApplication % u'|' % m_options.receivingFacility % u'|' % timestamp % u"||"_s % type % u'^'
        % trigger % u'^' % structure % u'|' % controlId % u'|' % m_options.processingId % u"|2.5.1\r"_s;
    return line.toUtf8();
}

QByteArray SyntheticMessageFactory::pid(const Patient& p) const
{
    const QString identifier = p.mrn.isEmpty() ? QString() : p.mrn % u"^^^"_s % m_options.sendingFacility % u"^MR"_s;
    return segment("PID",
        { { 1, u"1"_s }, { 3, identifier }, { 5, p.family % u'^' % p.given % u'^' % p.middleInitial % u"^^^^L"_s },
            { 7, p.birthDate }, { 8, QString(p.sex) },
            { 11, p.street % u"^^"_s % p.city % u"^^"_s % p.postalCode % u"^^H"_s }, { 13, p.phone % u"^PRN^PH"_s },
            { 18, p.visitNumber } });
}

QByteArray SyntheticMessageFactory::pv1(
    const Patient& p, const QString& patientClass, const QString& dischargedAt) const
{
    if (patientClass == u"O"_s || p.ward.isEmpty()) {
        return segment("PV1",
            { { 1, u"1"_s }, { 2, u"O"_s }, { 3, p.clinic % u"^^^"_s % m_options.sendingFacility }, { 7, p.attending },
                { 10, u"MED"_s }, { 19, p.visitNumber } });
    }
    return segment("PV1",
        { { 1, u"1"_s }, { 2, patientClass }, { 3, p.ward % u"^^"_s % p.bed % u'^' % m_options.sendingFacility },
            { 4, u"E"_s }, { 7, p.attending }, { 10, p.ward == u"CCU"_s ? u"CAR"_s : u"MED"_s }, { 19, p.visitNumber },
            { 36, dischargedAt.isEmpty() ? QString() : u"01"_s }, { 44, p.admittedAt }, { 45, dischargedAt } });
}

QByteArray SyntheticMessageFactory::orc(
    const Order& order, const QString& control, const QString& status, const QString& when) const
{
    const Patient& p = m_patients[order.patient];
    return segment("ORC",
        { { 1, control }, { 2, order.placer % u'^' % m_options.sendingApplication },
            { 3, order.filler.isEmpty() ? QString() : order.filler % u"^SYNTHLAB"_s }, { 5, status }, { 9, when },
            { 12, p.attending } });
}

QByteArray SyntheticMessageFactory::obr(
    const Order& order, const QString& resultStatus, const QString& reportedAt) const
{
    const LabPanel& panel = kPanels[order.panel];
    const Patient& p = m_patients[order.patient];
    return segment("OBR",
        { { 1, u"1"_s }, { 2, order.placer % u'^' % m_options.sendingApplication },
            { 3, order.filler.isEmpty() ? QString() : order.filler % u"^SYNTHLAB"_s },
            { 4, str(panel.code) % u'^' % str(panel.name) % u"^LN"_s },
            { 7, resultStatus.isEmpty() ? QString() : order.orderedAt }, { 16, p.attending }, { 22, reportedAt },
            { 24, resultStatus.isEmpty() ? QString() : str(panel.section) }, { 25, resultStatus } });
}

QList<SyntheticMessageFactory::ResultValue> SyntheticMessageFactory::drawValues(int panel, bool critical)
{
    const LabPanel& p = kPanels[panel];
    const int criticalIndex = critical ? m_random.bounded(p.testCount) : -1;
    QList<ResultValue> values;
    for (int i = 0; i < p.testCount; ++i)
        values.append(drawValue(p.tests[i], i == criticalIndex));
    return values;
}

SyntheticMessageFactory::ResultValue SyntheticMessageFactory::drawValue(int test, bool critical)
{
    const LabTest& t = kTests[test];
    const double step = std::pow(10.0, -t.decimals);
    const double u = m_random.generateDouble();
    double value = 0.0;
    if (critical) {
        const bool low = t.criticalLow != kNoLimit && chance(0.4);
        value = low ? t.criticalLow - step - u * (t.low - t.criticalLow) * 0.5
                    : t.criticalHigh + step + u * (t.criticalHigh - t.high) * 0.5;
    } else if (chance(0.85)) {
        value = t.low + u * (t.high - t.low);
    } else if (t.criticalLow != kNoLimit && chance(0.4)) {
        value = t.criticalLow + step + u * (t.low - t.criticalLow - 2 * step);
    } else {
        value = t.high + step + u * (t.criticalHigh - t.high - 2 * step);
    }
    value = std::max(0.0, roundTo(value, t.decimals));
    return { test, value, flagFor(t, value) };
}

int SyntheticMessageFactory::newPatient()
{
    Patient p;
    p.sex = chance(0.5) ? u'F' : u'M';
    p.mrn = u"MRN"_s % QString::number(m_random.bounded(10000000, 99999999));
    p.family = pick(kFamilyNames);
    p.given = pick(p.sex == u'F' ? kFemaleNames : kMaleNames);
    p.middleInitial = QString(QChar(u'A' + m_random.bounded(26)));
    const QDate birth = QDate(1930, 1, 1).addDays(m_random.bounded(365 * 90));
    p.birthDate = birth.toString(u"yyyyMMdd"_s);
    p.street = QString::number(m_random.bounded(1, 400)) % u' ' % pick(kStreets) % u' ' % pick(kStreetKinds);
    p.city = pick(kCities);
    p.postalCode = u"9"_s % QString::number(m_random.bounded(10000)).rightJustified(4, u'0');
    p.phone = u"(555)555-01"_s % QString::number(m_random.bounded(100)).rightJustified(2, u'0');
    p.attending = pick(kDoctors);
    p.clinic = pick(kClinics);
    p.visitNumber = u"V"_s % QString::number(++m_visitCounter).rightJustified(8, u'0');
    m_patients.append(p);
    return int(m_patients.size()) - 1;
}

int SyntheticMessageFactory::pickPatient(bool preferAdmitted)
{
    if (preferAdmitted && !m_admitted.isEmpty() && chance(0.8))
        return m_admitted[m_random.bounded(int(m_admitted.size()))];
    if (m_patients.size() >= 2000 || (!m_patients.isEmpty() && chance(0.4)))
        return m_random.bounded(int(m_patients.size()));
    return newPatient();
}

void SyntheticMessageFactory::admit(int patient, const QString& when)
{
    Patient& p = m_patients[patient];
    QString bed;
    for (int attempt = 0; attempt < 1000 && (bed.isEmpty() || m_occupiedBeds.contains(bed)); ++attempt) {
        const QString ward = pick(kWards);
        bed = ward % u'-' % QString::number(m_random.bounded(1, kBedsPerWard + 1));
        p.ward = ward;
    }
    m_occupiedBeds.insert(bed);
    p.bed = bed;
    p.admittedAt = when;
    p.visitNumber = u"V"_s % QString::number(++m_visitCounter).rightJustified(8, u'0');
    p.attending = pick(kDoctors);
    m_admitted.append(patient);
}

SyntheticMessageFactory::Order SyntheticMessageFactory::newOrder(int patient, const QString& when)
{
    Order order;
    order.patient = patient;
    order.panel = m_random.bounded(kPanelCount);
    order.placer = u"PLC"_s % QString::number(++m_orderCounter).rightJustified(7, u'0');
    order.orderedAt = when;
    return order;
}

QString SyntheticMessageFactory::nextControlId()
{
    return m_prefix % QString::number(++m_controlCounter).rightJustified(8, u'0');
}

QString SyntheticMessageFactory::pick(const QList<QString>& list)
{
    return list[m_random.bounded(int(list.size()))];
}

bool SyntheticMessageFactory::chance(double share)
{
    // Always draw, so that a share of 0 or 1 does not shift the stream of later draws.
    const double u = m_random.generateDouble();
    return u < share;
}
