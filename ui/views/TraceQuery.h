#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariantMap>

/// One trace search as the user typed it in the TraceView (DESIGN.md 5, "Traces"). The shell turns
/// it into GET /api/v1/messages requests (docs/ops-api.md 4.5) on every connected node, or into a
/// cache query when offline.
///
/// `text` is what was typed: a correlation ID, an MSH-10, a patient identifier or an accession
/// number. kindOf() says which of them it can be; a 32-hex text is a correlation ID, anything else
/// is tried as control ID, patient ID and accession number in turn by the shell.
struct TraceQuery
{
    /// What the search text can stand for.
    enum class Kind {
        Empty,         ///< nothing typed: list by filters only
        CorrelationId, ///< 32 hexadecimal characters (W3C trace-id form)
        Identifier,    ///< MSH-10, patient identifier or accession number
    };

    QString text;     ///< trimmed search text (may be empty: filters only)
    QString type;     ///< "" (any) or "TYPE" / "TYPE^TRIGGER" ("ADT", "ORU^R01")
    QString state;    ///< "" (any) or accepted | invalid | unparseable | duplicate
    qint64 fromMs = 0; ///< received at or after, ms since the epoch; 0: open
    qint64 toMs = 0;   ///< received at or before, ms since the epoch; 0: open (now)
    /// A relative range ("last 24 h") in ms, so a saved search stays relative: when > 0, the view
    /// sets fromMs = now − lastMs (and toMs = 0) each time the search runs. 0: fromMs/toMs as given.
    qint64 lastMs = 0;

    Kind kind() const { return kindOf(text); }
    static Kind kindOf(const QString& text);

    /// The same search as it should be remembered (recent/saved): relative ranges without their
    /// resolved fromMs.
    TraceQuery normalized() const;

    /// Short one-line description for recent/saved search lists ("ORU^R01 · accepted · 1234").
    QString label() const;

    bool isEmpty() const
    {
        return text.isEmpty() && type.isEmpty() && state.isEmpty() && fromMs == 0 && toMs == 0 && lastMs == 0;
    }

    /// For QSettings (saved and recent searches): keys text, type, state, fromMs, toMs, lastMs.
    QVariantMap toVariantMap() const;
    static TraceQuery fromVariantMap(const QVariantMap& map);
    static QVariantList toVariantList(const QList<TraceQuery>& queries);
    static QList<TraceQuery> fromVariantList(const QVariantList& list);

    friend bool operator==(const TraceQuery& a, const TraceQuery& b)
    {
        return a.text == b.text && a.type == b.type && a.state == b.state && a.fromMs == b.fromMs && a.toMs == b.toMs
            && a.lastMs == b.lastMs;
    }
    friend bool operator!=(const TraceQuery& a, const TraceQuery& b) { return !(a == b); }
};

Q_DECLARE_METATYPE(TraceQuery)
