#include "models/console/Hl7TreeModel.h"

#include "models/console/Hl7FieldNames.h"
#include "models/hl7/Hl7Charset.h"
#include "models/hl7/Hl7Escape.h"
#include "models/hl7/Hl7Message.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace {

struct Span
{
    qint32 begin;
    qint32 end;
};

/// Splits [begin, end) of bytes at a delimiter. Escape sequences never contain a raw delimiter
/// (\F\ \S\ … stand for them), so every delimiter byte is structural.
QList<Span> split(const QByteArray& bytes, qint32 begin, qint32 end, char delimiter)
{
    QList<Span> parts;
    qint32 start = begin;
    for (qint32 i = begin; i < end; ++i) {
        if (bytes.at(i) == delimiter) {
            parts.append({start, i});
            start = i + 1;
        }
    }
    parts.append({start, end});
    return parts;
}

bool isHeaderSegment(QByteArrayView name)
{
    // MSH, and the batch and file headers built the same way: field 1 is the separator itself.
    return name == "MSH" || name == "BHS" || name == "FHS";
}

constexpr int kSegmentValueChars = 256;

/// An element made of nothing but inner delimiters ("~~", "^^&") holds no value: it is empty.
bool isEmptyElement(const QByteArray& bytes, qint32 begin, qint32 end, const Hl7Encoding& e)
{
    for (qint32 i = begin; i < end; ++i) {
        const char c = bytes.at(i);
        if (c != e.repetition && c != e.component && c != e.subcomponent)
            return false;
    }
    return true;
}

} // namespace

Hl7TreeModel::Hl7TreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

QModelIndex Hl7TreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const int node = parent.isValid() ? m_nodes[parent.internalId()].children[std::size_t(row)]
                                      : m_roots[std::size_t(row)];
    return createIndex(row, column, quintptr(node));
}

QModelIndex Hl7TreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const int p = m_nodes[child.internalId()].parent;
    if (p < 0)
        return {};
    return createIndex(m_nodes[std::size_t(p)].row, 0, quintptr(p));
}

int Hl7TreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_roots.size());
    if (parent.column() != 0)
        return 0;
    return int(m_nodes[parent.internalId()].children.size());
}

int Hl7TreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant Hl7TreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node& n = m_nodes[index.internalId()];
    const QByteArray& segmentName = m_segmentNames[std::size_t(n.segment)];
    const QString segment = QString::fromLatin1(segmentName);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ElementColumn: return pathOf(n);
        case NameColumn:
            if (n.level == Level::Segment)
                return Hl7FieldNames::segmentName(segment);
            if (n.level == Level::Field)
                return Hl7FieldNames::fieldName(segment, n.field);
            return QString();
        case ValueColumn:
            if (n.level == Level::Segment) {
                const QString text = decoded(n, false);
                return text.size() > kSegmentValueChars ? text.left(kSegmentValueChars) + u'…' : text;
            }
            // A leaf's value is what it means; a composite shows its structure as sent.
            return decoded(n, n.children.empty());
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ElementColumn && n.level == Level::Field)
            return Hl7FieldNames::label(segment, n.field);
        return {};
    case RawRole: return decoded(n, false);
    case PathRole: return pathOf(n);
    case LevelRole:
        switch (n.level) {
        case Level::Segment: return u"segment"_s;
        case Level::Field: return u"field"_s;
        case Level::Repetition: return u"repetition"_s;
        case Level::Component: return u"component"_s;
        case Level::Subcomponent: return u"subcomponent"_s;
        }
        return {};
    case SegmentRole: return segment;
    case FieldRole: return int(n.field);
    }
    return {};
}

QVariant Hl7TreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ElementColumn: return tr("Element", "HL7 segment/field path");
    case NameColumn: return tr("Name");
    case ValueColumn: return tr("Value");
    }
    return {};
}

QHash<int, QByteArray> Hl7TreeModel::roleNames() const
{
    auto names = QAbstractItemModel::roleNames();
    names.insert(RawRole, "raw");
    names.insert(PathRole, "path");
    names.insert(LevelRole, "level");
    names.insert(SegmentRole, "segment");
    names.insert(FieldRole, "field");
    return names;
}

bool Hl7TreeModel::setMessage(const QByteArray& raw, QString* errorString)
{
    const Hl7Message::ParseResult parsed = Hl7Message::parse(raw);
    beginResetModel();
    m_nodes.clear();
    m_roots.clear();
    m_segmentNames.clear();
    m_raw.clear();
    if (!parsed.ok()) {
        endResetModel();
        if (errorString)
            *errorString = parsed.error.message;
        return false;
    }
    const Hl7Message& message = *parsed.message;
    m_raw = message.raw();
    m_encoding = message.encoding();
    m_mib = Hl7Charset::chooseMib(message.rawValue(u"MSH-18"), m_raw);

    QHash<QByteArray, int> occurrences;
    for (int s = 0; s < message.segmentCount(); ++s) {
        const QByteArrayView view = message.segmentView(s);
        const qint32 begin = qint32(view.data() - m_raw.constData());
        const qint32 end = begin + qint32(view.size());
        const QByteArray name = message.segmentName(s);
        m_segmentNames.push_back(name);

        const int segmentNode = addNode(-1, Level::Segment, begin, end);
        m_nodes[std::size_t(segmentNode)].segment = s;
        m_nodes[std::size_t(segmentNode)].occurrence = quint16(++occurrences[name]);

        const qint32 nameEnd = begin + qint32(name.size());
        if (isHeaderSegment(name)) {
            if (nameEnd < end) {
                addField(segmentNode, 1, nameEnd, nameEnd + 1, true);
                const QList<Span> fields = split(m_raw, nameEnd + 1, end, m_encoding.field);
                for (int f = 0; f < fields.size(); ++f)
                    addField(segmentNode, f + 2, fields[f].begin, fields[f].end, f == 0);
            }
        } else if (nameEnd < end) {
            const QList<Span> fields = split(m_raw, nameEnd + 1, end, m_encoding.field);
            for (int f = 0; f < fields.size(); ++f)
                addField(segmentNode, f + 1, fields[f].begin, fields[f].end, false);
        }
    }
    endResetModel();
    return true;
}

void Hl7TreeModel::clear()
{
    beginResetModel();
    m_nodes.clear();
    m_roots.clear();
    m_segmentNames.clear();
    m_raw.clear();
    endResetModel();
}

int Hl7TreeModel::addNode(int parent, Level level, qint32 begin, qint32 end)
{
    Node node;
    if (parent >= 0) {
        const Node& p = m_nodes[std::size_t(parent)];
        node.segment = p.segment;
        node.occurrence = p.occurrence;
        node.field = p.field;
        node.repetition = p.repetition;
        node.component = p.component;
        node.subcomponent = p.subcomponent;
    }
    node.parent = parent;
    node.level = level;
    node.begin = begin;
    node.end = end;
    const int id = int(m_nodes.size());
    if (parent >= 0) {
        node.row = int(m_nodes[std::size_t(parent)].children.size());
        m_nodes[std::size_t(parent)].children.push_back(id);
    } else {
        node.row = int(m_roots.size());
        m_roots.push_back(id);
    }
    m_nodes.push_back(std::move(node));
    return id;
}

void Hl7TreeModel::addField(int segmentNode, int field, qint32 begin, qint32 end, bool plain)
{
    if (begin >= end || (!plain && isEmptyElement(m_raw, begin, end, m_encoding)))
        return;                                       // empty fields are left out
    const int fieldNode = addNode(segmentNode, Level::Field, begin, end);
    m_nodes[std::size_t(fieldNode)].field = quint16(field);
    m_nodes[std::size_t(fieldNode)].plain = plain;
    if (plain)
        return;

    const auto addSubcomponents = [this](int parent, Span span) {
        const QList<Span> subs = split(m_raw, span.begin, span.end, m_encoding.subcomponent);
        if (subs.size() < 2)
            return;
        for (int i = 0; i < subs.size(); ++i) {
            if (isEmptyElement(m_raw, subs[i].begin, subs[i].end, m_encoding))
                continue;
            const int node = addNode(parent, Level::Subcomponent, subs[i].begin, subs[i].end);
            m_nodes[std::size_t(node)].subcomponent = quint16(i + 1);
        }
    };
    const auto addComponents = [&](int parent, Span span) {
        const QList<Span> components = split(m_raw, span.begin, span.end, m_encoding.component);
        if (components.size() < 2) {
            addSubcomponents(parent, span);           // "a&b": subcomponents of component 1
            return;
        }
        for (int i = 0; i < components.size(); ++i) {
            if (isEmptyElement(m_raw, components[i].begin, components[i].end, m_encoding))
                continue;
            const int node = addNode(parent, Level::Component, components[i].begin, components[i].end);
            m_nodes[std::size_t(node)].component = quint16(i + 1);
            addSubcomponents(node, components[i]);
        }
    };

    const QList<Span> repetitions = split(m_raw, begin, end, m_encoding.repetition);
    if (repetitions.size() < 2) {
        addComponents(fieldNode, {begin, end});
        return;
    }
    for (int r = 0; r < repetitions.size(); ++r) {
        if (isEmptyElement(m_raw, repetitions[r].begin, repetitions[r].end, m_encoding))
            continue;
        const int node = addNode(fieldNode, Level::Repetition, repetitions[r].begin, repetitions[r].end);
        m_nodes[std::size_t(node)].repetition = quint16(r + 1);
        addComponents(node, repetitions[r]);
    }
}

QString Hl7TreeModel::pathOf(const Node& n) const
{
    QString path = QString::fromLatin1(m_segmentNames[std::size_t(n.segment)]);
    if (n.occurrence > 1)
        path += u'(' + QString::number(n.occurrence) + u')';
    if (n.level == Level::Segment)
        return path;
    path += u'-' + QString::number(n.field);
    if (n.repetition > 0)
        path += u'(' + QString::number(n.repetition) + u')';
    if (n.component > 0 || n.subcomponent > 0)
        path += u'.' + QString::number(n.component > 0 ? n.component : 1);
    if (n.subcomponent > 0)
        path += u'.' + QString::number(n.subcomponent);
    return path;
}

QString Hl7TreeModel::decoded(const Node& n, bool unescape) const
{
    const QByteArrayView bytes(m_raw.constData() + n.begin, n.end - n.begin);
    if (unescape && !n.plain && Hl7Escape::needsUnescape(bytes, m_encoding))
        return Hl7Charset::decode(Hl7Escape::unescape(bytes, m_encoding), m_mib);
    return Hl7Charset::decode(bytes, m_mib);
}

QString Hl7TreeModel::displayRaw(const QByteArray& raw)
{
    QStringList lines;
    const Hl7Message::ParseResult parsed = Hl7Message::parse(raw);
    if (parsed.ok()) {
        const Hl7Message& message = *parsed.message;
        const int mib = Hl7Charset::chooseMib(message.rawValue(u"MSH-18"), message.raw());
        for (int s = 0; s < message.segmentCount(); ++s)
            lines.append(Hl7Charset::decode(message.segmentView(s), mib));
    } else {
        // Not parseable: still show it, one line per segment terminator of any style.
        const int mib = Hl7Charset::isValidUtf8(raw) ? Hl7Charset::utf8Mib : Hl7Charset::latin1Mib;
        QByteArray normalized = raw;
        normalized.replace("\r\n", "\r").replace('\n', '\r');
        const QList<QByteArray> segments = normalized.split('\r');
        for (const QByteArray& segment : segments) {
            if (!segment.isEmpty())
                lines.append(Hl7Charset::decode(segment, mib));
        }
    }
    QString text = lines.join(u'\n');
    // Framing bytes and other controls would be invisible or break the layout: show their symbols.
    for (QChar& c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\n' && u != u'\t'))
            c = QChar(char16_t(0x2400 + u));
        else if (u == 0x7F)
            c = QChar(char16_t(0x2421));
    }
    return text;
}
