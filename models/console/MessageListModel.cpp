#include "models/console/MessageListModel.h"

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
    const auto correlation = [&r] {
        if (!r.correlationIsHex)
            return r.correlationText;
        return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(r.correlation.data()), 16).toHex());
    };
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
        case TypeColumn: return r.type;
        case ControlIdColumn: return r.controlId;
        case CorrelationIdColumn: return correlation();
        case PatientColumn: return r.patient;
        case UnitColumn: return r.unit;
        case StateColumn: return r.state;
        case ChannelColumn: return r.channel;
        }
        return {};
    case NodeIdRole: return nodeId;
    case MessageIdRole: return r.id;
    case CorrelationIdRole: return correlation();
    case StateRole: return r.state;
    case ReceivedAtMsRole: return r.receivedAtMs;
    }
    return {};
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
    ++m_generation;
    m_rows.clear();
    m_seen.clear();
    m_sources.clear();
    m_allLoadedSignalled = false;
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
    ++m_generation;
    m_rows.clear();
    m_rows.shrink_to_fit();
    m_seen.clear();
    m_sources.clear();
    m_allLoadedSignalled = false;
    endResetModel();
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
        if (!parseItem(v.toObject(), node, &row))
            continue;
        const quint64 key = seenKey(node, row.id);
        if (m_seen.contains(key))
            continue;
        m_seen.insert(key);
        batch.push_back(std::move(row));
    }
    if (batch.empty())
        return 0;
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(batch.size()) - 1);
    m_rows.insert(m_rows.end(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
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

QString MessageListModel::intern(const QString& text)
{
    if (text.isEmpty())
        return QString();
    const auto it = m_strings.constFind(text);
    if (it != m_strings.constEnd())
        return it.value();
    m_strings.insert(text, text);
    return text;
}

bool MessageListModel::parseItem(const QJsonObject& item, quint16 node, Row* row)
{
    const QJsonValue id = item.value("id"_L1);
    if (!id.isDouble())
        return false;
    row->id = qint64(id.toDouble());
    row->node = node;
    const QDateTime received = QDateTime::fromString(item.value("receivedAt"_L1).toString(), Qt::ISODateWithMs);
    row->receivedAtMs = received.isValid() ? received.toMSecsSinceEpoch() : 0;

    const QString correlation = item.value("correlationId"_L1).toString();
    row->correlationIsHex = correlation.size() == 32;
    for (int i = 0; row->correlationIsHex && i < 16; ++i) {
        const int hi = hexValue(correlation.at(2 * i));
        const int lo = hexValue(correlation.at(2 * i + 1));
        if (hi < 0 || lo < 0)
            row->correlationIsHex = false;
        else
            row->correlation[std::size_t(i)] = quint8(hi << 4 | lo);
    }
    if (!row->correlationIsHex)
        row->correlationText = correlation;

    const QString type = item.value("messageType"_L1).toString();
    const QString trigger = item.value("triggerEvent"_L1).toString();
    row->type = intern(trigger.isEmpty() ? type : type + u'^' + trigger);
    row->controlId = item.value("controlId"_L1).toString();
    const QString patient = item.value("patientId"_L1).toString();
    // Masked values are all "***": share one string; real identifiers are unique, not worth a table.
    row->patient = patient == "***"_L1 ? intern(patient) : patient;
    row->unit = intern(item.value("unit"_L1).toString());
    row->state = intern(item.value("state"_L1).toString());
    row->channel = intern(item.value("channel"_L1).toString());
    return true;
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
        if (!parseItem(v.toObject(), s.node, &row))
            continue;
        const quint64 key = seenKey(s.node, row.id);
        if (m_seen.contains(key))
            continue;
        m_seen.insert(key);
        s.oldestFetchedMs = std::min(s.oldestFetchedMs, row.receivedAtMs);
        s.buffer.push_back(std::move(row));
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
            ready.push_back(std::move(s.buffer[s.head++]));
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
        m_rows.insert(m_rows.end(), std::make_move_iterator(ready.begin()), std::make_move_iterator(ready.end()));
        endInsertRows();
    }

    const bool done = std::none_of(m_sources.begin(), m_sources.end(),
                                   [](const Source& s) { return s.hasMore || s.pending || s.head < s.buffer.size(); });
    if (done && !m_allLoadedSignalled) {
        m_allLoadedSignalled = true;
        emit allLoaded();
    }
}
