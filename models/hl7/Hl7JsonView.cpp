#include "models/hl7/Hl7JsonView.h"

#include "models/hl7/Hl7Charset.h"
#include "models/hl7/Hl7Escape.h"
#include "models/hl7/Hl7Message.h"
#include "models/hl7/Hl7Split.h"

#include <QHash>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

class FieldWriter
{
public:
    FieldWriter(const Hl7Encoding& encoding, int mib)
        : m_encoding(encoding)
        , m_mib(mib)
    {
    }

    QString wire(QByteArrayView bytes) const { return Hl7Charset::decode(bytes, m_mib); }

    QString decoded(QByteArrayView bytes) const
    {
        if (!Hl7Escape::needsUnescape(bytes, m_encoding))
            return wire(bytes);
        return Hl7Charset::decode(Hl7Escape::unescape(bytes, m_encoding), m_mib);
    }

    bool hasStructure(QByteArrayView field) const
    {
        return field.contains(m_encoding.repetition) || field.contains(m_encoding.component)
            || (m_encoding.subcomponent != 0 && field.contains(m_encoding.subcomponent));
    }

    QJsonArray repetitions(QByteArrayView field) const
    {
        QJsonArray reps;
        for (const QByteArrayView rep : Hl7Split::parts(field, m_encoding.repetition)) {
            QJsonArray components;
            for (const QByteArrayView component : Hl7Split::parts(rep, m_encoding.component)) {
                if (m_encoding.subcomponent == 0 || !component.contains(m_encoding.subcomponent)) {
                    components.append(decoded(component));
                    continue;
                }
                QJsonArray subs;
                for (const QByteArrayView sub : Hl7Split::parts(component, m_encoding.subcomponent))
                    subs.append(decoded(sub));
                components.append(subs);
            }
            reps.append(components);
        }
        return reps;
    }

private:
    const Hl7Encoding& m_encoding;
    int m_mib;
};

} // namespace

QJsonObject Hl7JsonView::toJson(const Hl7Message& message)
{
    const Hl7Encoding& encoding = message.encoding();
    const FieldWriter writer(encoding, Hl7Split::charsetMib(message));

    QJsonArray segments;
    QHash<QByteArray, int> seen;
    for (int i = 0; i < message.segmentCount(); ++i) {
        const QByteArrayView segment = message.segmentView(i);
        const QList<QByteArrayView> fields = Hl7Split::fields(segment, encoding);
        const QByteArray id = message.segmentName(i);
        QJsonArray fieldList;
        for (int f = 1; f < fields.size(); ++f) {
            const QByteArrayView bytes = fields[f];
            if (bytes.isEmpty())
                continue;
            QJsonObject field { { u"position"_s, f }, { u"value"_s, writer.wire(bytes) } };
            if (!Hl7Split::isDelimiterField(segment, encoding, f)) {
                if (writer.hasStructure(bytes)) {
                    field.insert(u"repetitions"_s, writer.repetitions(bytes));
                } else if (Hl7Escape::needsUnescape(bytes, encoding)) {
                    const QString text = writer.decoded(bytes);
                    if (text != field.value(u"value"_s).toString())
                        field.insert(u"decoded"_s, text);
                }
            }
            fieldList.append(field);
        }
        segments.append(QJsonObject {
            { u"id"_s, QString::fromLatin1(id) }, { u"index"_s, ++seen[id] }, { u"fields"_s, fieldList } });
    }

    QJsonObject out {
        { u"version"_s, message.version() },
        { u"messageType"_s, message.messageType() },
        { u"triggerEvent"_s, message.triggerEvent() },
        { u"controlId"_s, message.controlId() },
        { u"delimiters"_s, QString::fromLatin1(QByteArray(1, encoding.field) + encoding.msh2()) },
        { u"segments"_s, segments },
    };
    const QString structure = message.messageStructure();
    if (!structure.isEmpty())
        out.insert(u"messageStructure"_s, structure);
    return out;
}
