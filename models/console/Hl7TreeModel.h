#pragma once

#include "models/hl7/Hl7Types.h"

#include <QAbstractItemModel>
#include <QByteArray>
#include <QString>

#include <vector>

/// The parsed tree of one raw HL7 v2 message (codec: models/hl7/Hl7Message):
/// segment → field → repetition → component → subcomponent, with only the levels that exist: a
/// field with one repetition shows its components directly, a plain value is a leaf, and empty
/// elements are left out (their numbers keep the position). Element paths follow Hl7Path
/// ("PID-3(2).4.1", "OBX(2)-5"). Values are charset-decoded and, at leaves, unescaped. The model
/// shows whatever bytes it is given: the caller passes the (masked) message the node returned.
class Hl7TreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column {
        ElementColumn, ///< "PID", "PID-5", "PID-5.1", "PID-3(2).4.1"
        NameColumn,    ///< segment or field name ("Patient Name"); empty below the field level
        ValueColumn,   ///< unescaped at leaves; a composite shows its text with delimiters
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        RawRole = Qt::UserRole + 1, ///< QString: the element as on the wire (charset-decoded, escapes kept)
        PathRole,                   ///< QString: the element path, as ElementColumn
        LevelRole,                  ///< QString: "segment" | "field" | "repetition" | "component" | "subcomponent"
        SegmentRole,                ///< QString: segment id
        FieldRole,                  ///< int: field number (0 for segments)
    };
    Q_ENUM(Role)

    explicit Hl7TreeModel(QObject* parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex& parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Parses and shows a message (one reset). On a parse failure the model is empty and the
    /// error says why.
    bool setMessage(const QByteArray& raw, QString* errorString = nullptr);
    void clear();

    /// The raw message for reading: one segment per line (CR, LF, CRLF all accepted), charset
    /// decoded as the codec would, other control characters shown as visible symbols (␋ ␜).
    static QString displayRaw(const QByteArray& raw);

private:
    enum class Level : quint8 { Segment, Field, Repetition, Component, Subcomponent };
    struct Node
    {
        int parent = -1;
        int row = 0;
        std::vector<int> children;
        qint32 begin = 0;                            ///< bytes [begin, end) of the element in m_raw
        qint32 end = 0;
        qint32 segment = 0;                          ///< segment index in the message
        quint16 occurrence = 1;                      ///< of the segment name
        quint16 field = 0;
        quint16 repetition = 0;                      ///< 0 when the level is skipped
        quint16 component = 0;
        quint16 subcomponent = 0;
        Level level = Level::Segment;
        bool plain = false;                          ///< MSH-1/MSH-2: shown as is, never unescaped
    };

    int addNode(int parent, Level level, qint32 begin, qint32 end);
    void addField(int segmentNode, int field, qint32 begin, qint32 end, bool plain);
    QString pathOf(const Node& node) const;
    QString decoded(const Node& node, bool unescape) const;

    QByteArray m_raw;                                ///< the message bytes the offsets point into
    std::vector<QByteArray> m_segmentNames;
    std::vector<Node> m_nodes;
    std::vector<int> m_roots;
    Hl7Encoding m_encoding;
    int m_mib = 106;                                 ///< Hl7Charset codec of the message
};
