#include "models/hl7/PhiMasker.h"

#include "models/hl7/Hl7Escape.h"
#include "models/hl7/Hl7Message.h"
#include "models/hl7/Hl7Parser.h"
#include "models/hl7/Hl7Path.h"
#include "models/hl7/Hl7Split.h"

using namespace Qt::StringLiterals;

namespace {

bool fail(QString* errorString, const QString& why)
{
    if (errorString)
        *errorString = why;
    return false;
}

// The mask as it can be written into this message: escaped where '*' is a delimiter, so that the
// masked message still splits exactly like the original.
QByteArray maskToken(const Hl7Encoding& encoding)
{
    const auto escaped = Hl7Escape::escape(QByteArrayView(PhiMasker::maskText), encoding);
    return escaped ? *escaped : "XXX"_ba;
}

class LeafMasker
{
public:
    LeafMasker(const Hl7Encoding& encoding, const QByteArray& token)
        : m_encoding(encoding)
        , m_token(token)
    {
    }

    // Masks component `component` (0: all) and within it subcomponent `subcomponent` (0: all) of
    // every repetition of `field`; delimiters stay where they were.
    QByteArray maskField(QByteArrayView field, int component, int subcomponent)
    {
        QByteArray out;
        out.reserve(field.size());
        const QList<QByteArrayView> reps = Hl7Split::parts(field, m_encoding.repetition);
        for (qsizetype r = 0; r < reps.size(); ++r) {
            if (r > 0)
                out.append(m_encoding.repetition);
            const QList<QByteArrayView> components = Hl7Split::parts(reps[r], m_encoding.component);
            for (qsizetype c = 0; c < components.size(); ++c) {
                if (c > 0)
                    out.append(m_encoding.component);
                const bool selected = component == 0 || component == c + 1;
                if (!selected) {
                    out.append(components[c]);
                    continue;
                }
                const QList<QByteArrayView> subs = Hl7Split::parts(components[c], m_encoding.subcomponent);
                for (qsizetype s = 0; s < subs.size(); ++s) {
                    if (s > 0)
                        out.append(m_encoding.subcomponent);
                    if (subcomponent == 0 || subcomponent == s + 1)
                        out.append(maskLeaf(subs[s]));
                    else
                        out.append(subs[s]);
                }
            }
        }
        return out;
    }

    bool changed() const { return m_changed; }
    void reset() { m_changed = false; }

private:
    QByteArrayView maskLeaf(QByteArrayView leaf)
    {
        // Empty and "" (explicit null) carry no identity and show the structure as it is.
        if (leaf.isEmpty() || leaf == "\"\"" || leaf == QByteArrayView(m_token))
            return leaf;
        m_changed = true;
        return m_token;
    }

    const Hl7Encoding& m_encoding;
    const QByteArray& m_token;
    bool m_changed = false;
};

QString occurrencePath(const QString& specPath, int occurrence)
{
    if (occurrence == 1)
        return specPath;
    return specPath.first(3) + u'(' + QString::number(occurrence) + u')' + specPath.sliced(3);
}

QString segmentPath(QByteArrayView id, int occurrence)
{
    QString out = QString::fromLatin1(id);
    if (occurrence != 1)
        out += u'(' + QString::number(occurrence) + u')';
    return out;
}

bool isSegmentId(QByteArrayView line)
{
    if (line.size() < 3 || line[0] < 'A' || line[0] > 'Z')
        return false;
    for (qsizetype i = 1; i < 3; ++i) {
        const char c = line[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

bool isPrintablePunctuation(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x21 && u <= 0x7E && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
}

} // namespace

PhiMasker::PhiMasker(const QStringList& fieldPaths)
{
    for (const QString& path : fieldPaths) {
        if (!validateFieldPath(path)) {
            m_invalid.append(path);
            continue;
        }
        if (m_fields.contains(path))
            continue;
        const auto parsed = Hl7Path::parse(path);
        m_fields.append(path);
        m_bySegment[parsed->segment].append(Spec { parsed->field, parsed->component, parsed->subcomponent, path });
    }
}

QStringList PhiMasker::defaultFields()
{
    // clang-format off
    return {
        // Patient: identifiers, name, mother's maiden name, birth date, alias, address, phones,
        // account, SSN, driver's licence, mother's identifier, birth place, death date.
        u"PID-2"_s, u"PID-3"_s, u"PID-4"_s, u"PID-5"_s, u"PID-6"_s, u"PID-7"_s, u"PID-9"_s, u"PID-11"_s,
        u"PID-13"_s, u"PID-14"_s, u"PID-18"_s, u"PID-19"_s, u"PID-20"_s, u"PID-21"_s, u"PID-23"_s,
        u"PID-29"_s,
        // Merges carry the prior identity of the same patient.
        u"MRG-1"_s, u"MRG-2"_s, u"MRG-3"_s, u"MRG-4"_s, u"MRG-7"_s,
        // Next of kin and contact person.
        u"NK1-2"_s, u"NK1-4"_s, u"NK1-5"_s, u"NK1-6"_s, u"NK1-30"_s, u"NK1-31"_s, u"NK1-32"_s,
        u"NK1-33"_s, u"NK1-37"_s,
        // Guarantor and insured, with their spouse and employer (HIPAA counts identifiers of
        // relatives and employers as the patient's own).
        u"GT1-3"_s, u"GT1-4"_s, u"GT1-5"_s, u"GT1-6"_s, u"GT1-7"_s, u"GT1-8"_s, u"GT1-12"_s, u"GT1-16"_s,
        u"GT1-17"_s, u"GT1-18"_s, u"GT1-19"_s,
        u"IN1-16"_s, u"IN1-18"_s, u"IN1-19"_s, u"IN1-36"_s, u"IN1-44"_s, u"IN1-49"_s,
    };
    // clang-format on
}

bool PhiMasker::validateFieldPath(QStringView path, QString* errorString)
{
    const QString quoted = u'"' + path.toString() + u'"';
    QString why;
    const auto parsed = Hl7Path::parse(path, &why);
    if (!parsed)
        return fail(errorString, u"Invalid PHI field path "_s + quoted + u": "_s + why);
    if (path.contains(u'('))
        return fail(errorString,
            u"Invalid PHI field path "_s + quoted
                + u": masking applies to every segment occurrence and repetition, so the "
                  "path takes no \"(n)\""_s);
    const bool header = parsed->segment == "MSH" || parsed->segment == "BHS" || parsed->segment == "FHS";
    if (header && parsed->field <= 2)
        return fail(errorString,
            u"Invalid PHI field path "_s + quoted + u": fields 1 and 2 of a header segment are the delimiters"_s);
    return true;
}

bool PhiMasker::validateFieldPaths(const QStringList& paths, QString* errorString)
{
    for (const QString& path : paths) {
        if (!validateFieldPath(path, errorString))
            return false;
    }
    return true;
}

QStringList PhiMasker::fields() const
{
    return m_fields;
}

QStringList PhiMasker::invalidPaths() const
{
    return m_invalid;
}

QByteArray PhiMasker::mask(const QByteArray& raw) const
{
    return maskWithReport(raw).masked;
}

QStringList PhiMasker::maskedPaths(const QByteArray& raw) const
{
    return maskWithReport(raw).maskedPaths;
}

std::optional<QByteArray> PhiMasker::maskSegment(QByteArrayView segment, const Hl7Encoding& encoding,
    const QByteArray& token, int occurrence, QStringList* paths) const
{
    const auto specs = m_bySegment.constFind(segment.first(std::min<qsizetype>(3, segment.size())).toByteArray());
    if (specs == m_bySegment.cend())
        return std::nullopt;
    const QList<QByteArrayView> fields = Hl7Split::fields(segment, encoding);
    QHash<int, QByteArray> replaced;
    LeafMasker masker(encoding, token);
    for (const Spec& spec : *specs) {
        if (spec.field >= fields.size())
            continue;
        const auto previous = replaced.constFind(spec.field);
        const QByteArrayView current = previous != replaced.cend() ? QByteArrayView(*previous) : fields[spec.field];
        masker.reset();
        QByteArray masked = masker.maskField(current, spec.component, spec.subcomponent);
        if (!masker.changed())
            continue;
        replaced.insert(spec.field, std::move(masked));
        if (paths)
            paths->append(occurrencePath(spec.path, occurrence));
    }
    if (replaced.isEmpty())
        return std::nullopt;
    // Header segments: fields[1] is MSH-1, the separator itself, already written between the parts.
    const int first = Hl7Parser::isHeaderSegment(segment, encoding) ? 2 : 1;
    QByteArray out;
    out.reserve(segment.size());
    out.append(fields[0]);
    for (int f = first; f < fields.size(); ++f) {
        out.append(encoding.field);
        const auto it = replaced.constFind(f);
        out.append(it != replaced.cend() ? QByteArrayView(*it) : fields[f]);
    }
    return out;
}

PhiMasker::Result PhiMasker::maskWithReport(const QByteArray& raw) const
{
    const auto parsed = Hl7Message::parse(raw);
    if (!parsed.ok())
        return maskConservatively(raw);
    const Hl7Message& message = *parsed.message;
    const QByteArray& bytes = message.raw();
    const QByteArray token = maskToken(message.encoding());

    Result result;
    QHash<QByteArray, int> seen;
    qsizetype copied = 0;
    for (int i = 0; i < message.segmentCount(); ++i) {
        const QByteArrayView segment = message.segmentView(i);
        std::optional<QByteArray> masked;
        if (Hl7Split::isWellFormedSegment(segment, message.encoding())) {
            const int occurrence = ++seen[message.segmentName(i)];
            masked = maskSegment(segment, message.encoding(), token, occurrence, &result.maskedPaths);
        } else {
            // Free text between segments, or the rest of a segment broken by a line end inside a
            // field: nothing says which field it belongs to, so none of it is shown.
            masked = QByteArray(maskText);
            result.maskedPaths.append(u"segment "_s + QString::number(i + 1));
        }
        if (!masked)
            continue;
        // Splice into the original bytes, so that a BOM, CRLF terminators or blank lines stay as
        // they came and only the masked values differ.
        const qsizetype begin = segment.data() - bytes.constData();
        result.masked.append(QByteArrayView(bytes).sliced(copied, begin - copied));
        result.masked.append(*masked);
        copied = begin + segment.size();
    }
    if (copied == 0)
        result.masked = bytes;
    else
        result.masked.append(QByteArrayView(bytes).sliced(copied));
    return result;
}

PhiMasker::Result PhiMasker::maskConservatively(const QByteArray& raw) const
{
    Result result;
    result.conservative = true;
    result.masked.reserve(raw.size());
    QHash<QByteArray, int> seen;
    qsizetype pos = 0;
    if (raw.startsWith("\xEF\xBB\xBF")) {
        result.masked.append(raw.first(3));
        pos = 3;
    }
    int lineNumber = 0;
    while (pos < raw.size()) {
        qsizetype end = pos;
        while (end < raw.size() && raw[end] != '\r' && raw[end] != '\n')
            ++end;
        const QByteArrayView line = QByteArrayView(raw).sliced(pos, end - pos);
        if (!line.isEmpty()) {
            ++lineNumber;
            if (line.startsWith("MSH")) {
                result.masked.append(line);
            } else if (isSegmentId(line)) {
                const QByteArrayView id = line.first(3);
                const int occurrence = ++seen[id.toByteArray()];
                result.masked.append(id);
                QByteArrayView rest = line.sliced(3);
                if (!rest.isEmpty() && isPrintablePunctuation(rest[0])) {
                    result.masked.append(rest[0]);
                    rest = rest.sliced(1);
                }
                if (!rest.isEmpty()) {
                    result.masked.append(maskText);
                    result.maskedPaths.append(segmentPath(id, occurrence));
                }
            } else {
                result.masked.append(maskText);
                result.maskedPaths.append(u"line "_s + QString::number(lineNumber));
            }
        }
        if (end < raw.size())
            result.masked.append(raw[end]);
        pos = end + 1;
    }
    return result;
}

QList<Hl7Diff::FieldChange> PhiMasker::maskChanges(
    QList<Hl7Diff::FieldChange> changes, const Hl7Encoding& before, const Hl7Encoding& after) const
{
    auto maskValue = [&](const QString& text, const Hl7Encoding& encoding, const Hl7Diff::FieldChange& change) {
        if (text.isEmpty())
            return text;
        const QByteArray token = maskToken(encoding);
        // Values are charset-decoded text; delimiters and the mask are ASCII, so UTF-8 round-trips.
        const QByteArray bytes = text.toUtf8();
        if (change.field == 0 && !Hl7Split::isWellFormedSegment(bytes, encoding))
            return QString::fromLatin1(maskText);
        if (change.field == 0) {
            const auto masked = maskSegment(bytes, encoding, token, change.occurrence, nullptr);
            return masked ? QString::fromUtf8(*masked) : text;
        }
        LeafMasker masker(encoding, token);
        QByteArray current = bytes;
        for (const Spec& spec : m_bySegment.value(change.segment)) {
            if (spec.field == change.field)
                current = masker.maskField(current, spec.component, spec.subcomponent);
        }
        return masker.changed() ? QString::fromUtf8(current) : text;
    };
    for (Hl7Diff::FieldChange& change : changes) {
        if (!m_bySegment.contains(change.segment) && change.field != 0)
            continue;
        change.before = maskValue(change.before, before, change);
        change.after = maskValue(change.after, after, change);
    }
    return changes;
}
