#include "models/console/MessageListModel.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>
#include <QPointer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

quint64 seenKey(quint16 node, qint64 id)
{
    return (quint64(node) << 48) | (quint64(id) & 0xFFFFFFFFFFFFull);
}

/// Row::flags
enum RowFlag : quint8 {
    CorrelationAsText = 0x1,              ///< not 32 hex digits: the text follows the patient in m_texts
};

/// Field index of a spilled interned text (the string table is full): its text is in m_texts.
constexpr quint16 kSpilled = 0xFFFF;

/// Texts in m_texts are UTF-8, each after its length as a base-128 varint (one byte below 128).
void appendText(std::vector<char>* store, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    quint64 length = quint64(utf8.size());
    do {
        const quint8 low = quint8(length & 0x7F);
        length >>= 7;
        store->push_back(char(length ? (low | 0x80) : low));
    } while (length);
    store->insert(store->end(), utf8.cbegin(), utf8.cend());
}

/// The text at `offset`; `offset` moves past it.
QByteArrayView textAt(const std::vector<char>& store, std::size_t* offset)
{
    quint64 length = 0;
    int shift = 0;
    quint8 byte = 0;
    do {
        byte = quint8(store[(*offset)++]);
        length |= quint64(byte & 0x7F) << shift;
        shift += 7;
    } while (byte & 0x80);
    const QByteArrayView text(store.data() + *offset, qsizetype(length));
    *offset += std::size_t(length);
    return text;
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

} // namespace

MessageListModel::MessageListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    resetRows();
}

MessageListModel::~MessageListModel() = default;

int MessageListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MessageListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows[std::size_t(index.row())];
    const QString& nodeId = m_nodeIds.at(r.node);
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case ReceivedColumn:
            if (role == SortRole)
                return r.receivedAtMs;
            return QDateTime::fromMSecsSinceEpoch(r.receivedAtMs).toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
        case NodeColumn: return m_nodeNames.value(nodeId, nodeId);
        case TypeColumn: return internedText(r, r.type, 0);
        case ControlIdColumn: return rowText(r, 0);
        case CorrelationIdColumn: return correlationText(r);
        case PatientColumn: return rowText(r, 1);
        case UnitColumn: return internedText(r, r.unit, 1);
        case StateColumn: return internedText(r, r.state, 2);
        case ChannelColumn: return internedText(r, r.channel, 3);
        }
        return {};
    case NodeIdRole: return nodeId;
    case MessageIdRole: return r.id;
    case CorrelationIdRole: return correlationText(r);
    case StateRole: return internedText(r, r.state, 2);
    case ReceivedAtMsRole: return r.receivedAtMs;
    }
    return {};
}

QString MessageListModel::rowText(const Row& row, int n) const
{
    std::size_t offset = row.texts;
    QByteArrayView text;
    for (int i = 0; i <= n; ++i)
        text = textAt(m_texts, &offset);
    return QString::fromUtf8(text);
}

QString MessageListModel::correlationText(const Row& row) const
{
    if (row.flags & CorrelationAsText)
        return rowText(row, 2);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(row.correlation.data()), 16).toHex());
}

QString MessageListModel::internedText(const Row& row, quint16 index, int spilledField) const
{
    if (index != kSpilled)
        return m_strings[index];
    // Spilled texts follow the control ID, the patient and the correlation text (if any), in field
    // order type, unit, state, channel.
    int n = (row.flags & CorrelationAsText) ? 3 : 2;
    const quint16 fields[] = {row.type, row.unit, row.state, row.channel};
    for (int f = 0; f < spilledField; ++f) {
        if (fields[f] == kSpilled)
            ++n;
    }
    return rowText(row, n);
}

QVariant MessageListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ReceivedColumn: return tr("Received");
    case NodeColumn: return tr("Node");
    case TypeColumn: return tr("Type");
    case ControlIdColumn: return tr("Control ID");
    case CorrelationIdColumn: return tr("Correlation ID");
    case PatientColumn: return tr("Patient");
    case UnitColumn: return tr("Unit");
    case StateColumn: return tr("State");
    case ChannelColumn: return tr("Channel");
    }
    return {};
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(NodeIdRole, "nodeId");
    names.insert(MessageIdRole, "messageId");
    names.insert(CorrelationIdRole, "correlationId");
    names.insert(StateRole, "state");
    names.insert(ReceivedAtMsRole, "receivedAtMs");
    names.insert(SortRole, "sortValue");
    return names;
}

bool MessageListModel::canFetchMore(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_fetcher)
        return false;
    return std::any_of(m_sources.begin(), m_sources.end(), [](const Source& s) { return s.hasMore && !s.pending; });
}

void MessageListModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || !m_fetcher)
        return;
    // Only a node whose oldest fetched item still holds back the merge, or one with nothing
    // buffered, needs another page; the rest would only grow their buffers.
    qint64 threshold = std::numeric_limits<qint64>::min();
    for (const Source& s : m_sources) {
        if (s.hasMore)
            threshold = std::max(threshold, s.started ? s.oldestFetchedMs : std::numeric_limits<qint64>::max());
    }
    std::vector<int> toFetch;
    for (int i = 0; i < int(m_sources.size()); ++i) {
        const Source& s = m_sources[i];
        if (!s.hasMore || s.pending)
            continue;
        if (!s.started || s.oldestFetchedMs >= threshold || s.head >= s.buffer.size())
            toFetch.push_back(i);
    }
    // Mark them all pending first: a fetcher that answers synchronously must not see the others
    // as idle and fetch them twice through a nested fetchMore.
    for (int i : toFetch)
        m_sources[i].pending = true;
    const quint64 generation = m_generation;
    QPointer<MessageListModel> self(this);
    for (int i : toFetch) {
        if (generation != m_generation)
            break;                                    // a callback started a new query
        // Copies: a synchronous answer rewrites the source's cursor while the fetcher runs.
        const QString nodeId = m_sources[i].nodeId;
        const QString cursor = m_sources[i].cursor;
        m_fetcher(nodeId, cursor, [self, generation, i](QJsonArray items, QString nextCursor) {
            if (self)
                self->onPage(generation, i, items, nextCursor);
        });
    }
}

void MessageListModel::setPageFetcher(PageFetcher fetcher)
{
    m_fetcher = std::move(fetcher);
}

void MessageListModel::setQuery(const QStringList& nodeIds)
{
    beginResetModel();
    resetRows();
    for (const QString& id : nodeIds) {
        Source s;
        s.nodeId = id;
        s.node = nodeIndex(id);
        m_sources.push_back(std::move(s));
    }
    endResetModel();
}

void MessageListModel::clear()
{
    beginResetModel();
    resetRows();
    endResetModel();
}

void MessageListModel::resetRows()
{
    ++m_generation;
    m_rows = {};
    m_sources.clear();
    m_seen.clear();
    m_texts = {};
    m_strings.assign(1, QString());
    m_stringIndex.clear();
    m_allLoadedSignalled = false;
}

void MessageListModel::setNodeDisplayName(const QString& nodeId, const QString& displayName)
{
    m_nodeNames.insert(nodeId, displayName);
    if (!m_rows.empty())
        emit dataChanged(index(0, NodeColumn), index(rowCount() - 1, NodeColumn), {Qt::DisplayRole});
}

int MessageListModel::appendBatch(const QString& nodeId, const QJsonArray& items)
{
    const quint16 node = nodeIndex(nodeId);
    std::vector<Row> batch;
    batch.reserve(std::size_t(items.size()));
    for (const QJsonValue& v : items) {
        Row row;
        if (takeItem(v.toObject(), node, &row))
            batch.push_back(row);
    }
    if (batch.empty())
        return 0;
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(batch.size()) - 1);
    m_rows.insert(m_rows.end(), batch.begin(), batch.end());
    endInsertRows();
    return int(batch.size());
}

bool MessageListModel::isFetching() const
{
    return std::any_of(m_sources.begin(), m_sources.end(), [](const Source& s) { return s.pending; });
}

QString MessageListModel::nodeIdAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_nodeIds.at(m_rows[std::size_t(row)].node) : QString();
}

qint64 MessageListModel::messageIdAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[std::size_t(row)].id : 0;
}

quint16 MessageListModel::nodeIndex(const QString& nodeId)
{
    const qsizetype i = m_nodeIds.indexOf(nodeId);
    if (i >= 0)
        return quint16(i);
    m_nodeIds.append(nodeId);
    return quint16(m_nodeIds.size() - 1);
}

quint16 MessageListModel::intern(const QString& text)
{
    if (text.isEmpty())
        return 0;
    const auto it = m_stringIndex.constFind(text);
    if (it != m_stringIndex.constEnd())
        return it.value();
    if (m_strings.size() >= kSpilled)
        return kSpilled;
    const quint16 index = quint16(m_strings.size());
    m_strings.push_back(text);
    m_stringIndex.insert(text, index);
    return index;
}

bool MessageListModel::takeItem(const QJsonObject& item, quint16 node, Row* row)
{
    const QJsonValue id = item.value("id"_L1);
    if (!id.isDouble())
        return false;
    // Offsets are 32-bit: past 4 GiB of texts (some hundred million rows) an item is refused.
    if (m_texts.size() > std::numeric_limits<quint32>::max() - (std::size_t(1) << 20))
        return false;
    row->id = qint64(id.toDouble());
    row->node = node;
    if (!m_seen.insert(seenKey(node, row->id)))
        return false;
    const QDateTime received = QDateTime::fromString(item.value("receivedAt"_L1).toString(), Qt::ISODateWithMs);
    row->receivedAtMs = received.isValid() ? received.toMSecsSinceEpoch() : 0;

    const QString correlation = item.value("correlationId"_L1).toString();
    bool hex = correlation.size() == 32;
    for (int i = 0; hex && i < 16; ++i) {
        const int hi = hexValue(correlation.at(2 * i));
        const int lo = hexValue(correlation.at(2 * i + 1));
        hex = hi >= 0 && lo >= 0;
        row->correlation[std::size_t(i)] = hex ? quint8(hi << 4 | lo) : 0;
    }
    row->flags = hex ? 0 : CorrelationAsText;

    const QString type = item.value("messageType"_L1).toString();
    const QString trigger = item.value("triggerEvent"_L1).toString();
    const QString typeText = trigger.isEmpty() ? type : type + u'^' + trigger;
    const QString unit = item.value("unit"_L1).toString();
    const QString state = item.value("state"_L1).toString();
    const QString channel = item.value("channel"_L1).toString();
    row->type = intern(typeText);
    row->unit = intern(unit);
    row->state = intern(state);
    row->channel = intern(channel);

    row->texts = quint32(m_texts.size());
    appendText(&m_texts, item.value("controlId"_L1).toString());
    appendText(&m_texts, item.value("patientId"_L1).toString());
    if (!hex)
        appendText(&m_texts, correlation);
    const std::pair<quint16, const QString*> spilled[] = {
        {row->type, &typeText}, {row->unit, &unit}, {row->state, &state}, {row->channel, &channel}};
    for (const auto& [index, text] : spilled) {
        if (index == kSpilled)
            appendText(&m_texts, *text);
    }
    return true;
}

bool MessageListModel::SeenKeys::insert(quint64 key)
{
    if (m_recent.contains(key) || std::binary_search(m_sorted.begin(), m_sorted.end(), key))
        return false;
    m_recent.insert(key);
    // A merge is a pass over m_sorted: merging when the recent set reaches a sixteenth of it keeps
    // the cost per key constant and the hash small.
    if (m_recent.size() >= std::max<qsizetype>(4096, qsizetype(m_sorted.size() / 16)))
        mergeRecent();
    return true;
}

void MessageListModel::SeenKeys::clear()
{
    m_sorted = {};
    m_recent = {};
}

void MessageListModel::SeenKeys::mergeRecent()
{
    std::vector<quint64> added(m_recent.cbegin(), m_recent.cend());
    std::sort(added.begin(), added.end());
    m_recent.clear();
    // From the back into the grown vector: no second copy of m_sorted.
    std::size_t i = m_sorted.size();
    std::size_t j = added.size();
    m_sorted.resize(i + j);
    std::size_t w = m_sorted.size();
    while (j > 0) {
        if (i > 0 && m_sorted[i - 1] > added[j - 1])
            m_sorted[--w] = m_sorted[--i];
        else
            m_sorted[--w] = added[--j];
    }
}

void MessageListModel::onPage(quint64 generation, int sourceIndex, const QJsonArray& items, const QString& nextCursor)
{
    if (generation != m_generation || sourceIndex >= int(m_sources.size()))
        return;
    Source& s = m_sources[std::size_t(sourceIndex)];
    s.pending = false;
    s.started = true;
    s.cursor = nextCursor;
    s.hasMore = !nextCursor.isEmpty();

    int added = 0;
    for (const QJsonValue& v : items) {
        Row row;
        if (!takeItem(v.toObject(), s.node, &row))
            continue;
        s.oldestFetchedMs = std::min(s.oldestFetchedMs, row.receivedAtMs);
        s.buffer.push_back(row);
        ++added;
    }
    if (added > 0) {
        // Pages arrive newest first; sorting keeps the buffer right even when a node's ids and
        // receive times disagree (clock steps).
        std::stable_sort(s.buffer.begin() + std::ptrdiff_t(s.head), s.buffer.end(),
                         [](const Row& a, const Row& b) { return a.receivedAtMs > b.receivedAtMs; });
    }
    const QString nodeId = s.nodeId;
    publishReady();
    emit pageLoaded(nodeId, added);
}

void MessageListModel::publishReady()
{
    // Nothing newer than the threshold can still come from a node with more pages.
    qint64 threshold = std::numeric_limits<qint64>::min();
    for (const Source& s : m_sources) {
        if (s.hasMore)
            threshold = std::max(threshold, s.started ? s.oldestFetchedMs : std::numeric_limits<qint64>::max());
    }

    std::vector<Row> ready;
    for (Source& s : m_sources) {
        while (s.head < s.buffer.size() && s.buffer[s.head].receivedAtMs >= threshold)
            ready.push_back(s.buffer[s.head++]);
        if (s.head == s.buffer.size()) {
            s.buffer.clear();
            s.head = 0;
        } else if (s.head > 4096 && s.head * 2 > s.buffer.size()) {
            s.buffer.erase(s.buffer.begin(), s.buffer.begin() + std::ptrdiff_t(s.head));
            s.head = 0;
        }
    }
    if (!ready.empty()) {
        std::stable_sort(ready.begin(), ready.end(), [](const Row& a, const Row& b) {
            if (a.receivedAtMs != b.receivedAtMs)
                return a.receivedAtMs > b.receivedAtMs;
            if (a.node != b.node)
                return a.node < b.node;
            return a.id > b.id;
        });
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + int(ready.size()) - 1);
        m_rows.insert(m_rows.end(), ready.begin(), ready.end());
        endInsertRows();
    }

    const bool done = std::none_of(m_sources.begin(), m_sources.end(),
                                   [](const Source& s) { return s.hasMore || s.pending || s.head < s.buffer.size(); });
    if (done && !m_allLoadedSignalled) {
        m_allLoadedSignalled = true;
        emit allLoaded();
    }
}
