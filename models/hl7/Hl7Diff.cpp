#include "models/hl7/Hl7Diff.h"

#include "models/hl7/Hl7Charset.h"
#include "models/hl7/Hl7Message.h"
#include "models/hl7/Hl7Split.h"

#include <QHash>
#include <QJsonObject>

#include <algorithm>
#include <deque>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

// Above this many cells the LCS table would cost more memory than a dry-run deserves (4 MB);
// beyond it, segments between the common head and tail are paired by ID only.
constexpr qint64 maxLcsCells = 1000000;
// Segments left between identical ones are aligned by similarity, which splits fields for every
// pair of same-ID segments: kept to small gaps, the usual case for a hand edit.
constexpr qint64 maxGapCells = 40000;

struct Side
{
    explicit Side(const Hl7Message& m)
        : message(m)
        , mib(Hl7Split::charsetMib(m))
    {
        QHash<QByteArray, int> seen;
        for (int i = 0; i < m.segmentCount(); ++i) {
            names.append(m.segmentName(i));
            occurrences.append(++seen[names.constLast()]);
        }
    }
    QString text(QByteArrayView bytes) const { return Hl7Charset::decode(bytes, mib); }

    const Hl7Message& message;
    int mib;
    QList<QByteArray> names;
    QList<int> occurrences;
};

QString segmentPath(const QByteArray& id, int occurrence)
{
    QString out = QString::fromLatin1(id);
    if (occurrence != 1)
        out += u'(' + QString::number(occurrence) + u')';
    return out;
}

QString fieldPath(const QByteArray& id, int occurrence, int field, int repetition)
{
    QString out = segmentPath(id, occurrence) + u'-' + QString::number(field);
    if (repetition > 0)
        out += u'(' + QString::number(repetition) + u')';
    return out;
}

Hl7Diff::Kind kindOf(QByteArrayView before, QByteArrayView after)
{
    if (before.isEmpty())
        return Hl7Diff::Kind::Added;
    if (after.isEmpty())
        return Hl7Diff::Kind::Removed;
    return Hl7Diff::Kind::Changed;
}

// Index pairs (before, after) of identical segments, increasing in both.
std::vector<std::pair<int, int>> alignIdentical(const Hl7Message& before, const Hl7Message& after)
{
    const int n = before.segmentCount();
    const int m = after.segmentCount();
    std::vector<std::pair<int, int>> pairs;
    int head = 0;
    while (head < n && head < m && before.segmentView(head) == after.segmentView(head)) {
        pairs.emplace_back(head, head);
        ++head;
    }
    int tail = 0;
    while (tail < n - head && tail < m - head && before.segmentView(n - 1 - tail) == after.segmentView(m - 1 - tail))
        ++tail;

    const int rows = n - head - tail;
    const int cols = m - head - tail;
    if (rows > 0 && cols > 0 && qint64(rows + 1) * (cols + 1) <= maxLcsCells) {
        // lcs[i][j]: longest common subsequence of before[head+i..] and after[head+j..], so the
        // pairs can be read off front to back.
        const int width = cols + 1;
        std::vector<int> lcs(size_t(rows + 1) * size_t(width), 0);
        auto at = [&](int i, int j) -> int& { return lcs[size_t(i) * size_t(width) + size_t(j)]; };
        for (int i = rows - 1; i >= 0; --i) {
            for (int j = cols - 1; j >= 0; --j) {
                at(i, j) = before.segmentView(head + i) == after.segmentView(head + j)
                    ? at(i + 1, j + 1) + 1
                    : std::max(at(i + 1, j), at(i, j + 1));
            }
        }
        int i = 0;
        int j = 0;
        while (i < rows && j < cols) {
            if (before.segmentView(head + i) == after.segmentView(head + j)) {
                pairs.emplace_back(head + i, head + j);
                ++i;
                ++j;
            } else if (at(i + 1, j) >= at(i, j + 1)) {
                ++i;
            } else {
                ++j;
            }
        }
    }
    for (int t = tail; t > 0; --t)
        pairs.emplace_back(n - t, m - t);
    return pairs;
}

void diffFields(const Side& before, int b, const Side& after, int a, QList<Hl7Diff::FieldChange>& out)
{
    const QByteArrayView bSegment = before.message.segmentView(b);
    const QByteArrayView aSegment = after.message.segmentView(a);
    const Hl7Encoding& bEncoding = before.message.encoding();
    const Hl7Encoding& aEncoding = after.message.encoding();
    const QList<QByteArrayView> bFields = Hl7Split::fields(bSegment, bEncoding);
    const QList<QByteArrayView> aFields = Hl7Split::fields(aSegment, aEncoding);
    const QByteArray& id = after.names[a];
    const int occurrence = after.occurrences[a];

    auto add = [&](int field, int repetition, QByteArrayView from, QByteArrayView to) {
        Hl7Diff::FieldChange change;
        change.path = fieldPath(id, occurrence, field, repetition);
        change.before = before.text(from);
        change.after = after.text(to);
        change.kind = kindOf(from, to);
        change.segment = id;
        change.occurrence = occurrence;
        change.field = field;
        change.repetition = repetition;
        out.append(std::move(change));
    };

    const qsizetype count = std::max(bFields.size(), aFields.size());
    for (int f = 1; f < count; ++f) {
        const QByteArrayView from = f < bFields.size() ? bFields[f] : QByteArrayView();
        const QByteArrayView to = f < aFields.size() ? aFields[f] : QByteArrayView();
        if (from == to)
            continue;
        const bool repeats = !Hl7Split::isDelimiterField(bSegment, bEncoding, f)
            && !Hl7Split::isDelimiterField(aSegment, aEncoding, f)
            && (from.contains(bEncoding.repetition) || to.contains(aEncoding.repetition));
        if (!repeats) {
            add(f, 0, from, to);
            continue;
        }
        const QList<QByteArrayView> fromReps
            = from.isEmpty() ? QList<QByteArrayView>() : Hl7Split::parts(from, bEncoding.repetition);
        const QList<QByteArrayView> toReps
            = to.isEmpty() ? QList<QByteArrayView>() : Hl7Split::parts(to, aEncoding.repetition);
        const qsizetype reps = std::max(fromReps.size(), toReps.size());
        for (int r = 0; r < reps; ++r) {
            const QByteArrayView x = r < fromReps.size() ? fromReps[r] : QByteArrayView();
            const QByteArrayView y = r < toReps.size() ? toReps[r] : QByteArrayView();
            if (x != y)
                add(f, r + 1, x, y);
        }
    }
}

Hl7Diff::FieldChange segmentChange(const Side& side, int index, Hl7Diff::Kind kind)
{
    Hl7Diff::FieldChange change;
    change.segment = side.names[index];
    change.occurrence = side.occurrences[index];
    change.path = segmentPath(change.segment, change.occurrence);
    const QString text = side.text(side.message.segmentView(index));
    (kind == Hl7Diff::Kind::Added ? change.after : change.before) = text;
    change.kind = kind;
    return change;
}

// Fields the two segments have in common, as a pairing score: 1 for the same ID, plus 2 per equal
// field, so that any pairing beats none and the closest version of an edited segment wins.
int similarity(const Side& before, int b, const Side& after, int a)
{
    // A line that is no well-formed segment has no fields to compare: it is added or removed whole.
    if (before.names[b] != after.names[a]
        || !Hl7Split::isWellFormedSegment(before.message.segmentView(b), before.message.encoding())
        || !Hl7Split::isWellFormedSegment(after.message.segmentView(a), after.message.encoding()))
        return -1;
    const QList<QByteArrayView> x = Hl7Split::fields(before.message.segmentView(b), before.message.encoding());
    const QList<QByteArrayView> y = Hl7Split::fields(after.message.segmentView(a), after.message.encoding());
    int equal = 0;
    for (qsizetype f = 1; f < std::max(x.size(), y.size()); ++f) {
        const QByteArrayView u = f < x.size() ? x[f] : QByteArrayView();
        const QByteArrayView v = f < y.size() ? y[f] : QByteArrayView();
        equal += u == v ? 1 : 0;
    }
    return 1 + 2 * equal;
}

// Segments between two identical ones: each before-segment is paired with an after-segment of
// the same ID, in order, so that the pairs share the most fields (an alignment maximising the
// similarity); pairs are compared field by field, the rest were removed or added.
void diffGap(
    const Side& before, int bBegin, int bEnd, const Side& after, int aBegin, int aEnd, QList<Hl7Diff::FieldChange>& out)
{
    const int rows = bEnd - bBegin;
    const int cols = aEnd - aBegin;
    if (qint64(rows + 1) * (cols + 1) > maxGapCells) {
        // Too big to align: the k-th segment of an ID before against the k-th after.
        QHash<QByteArray, std::deque<int>> unpairedAfter;
        for (int a = aBegin; a < aEnd; ++a)
            unpairedAfter[after.names[a]].push_back(a);
        for (int b = bBegin; b < bEnd; ++b) {
            auto it = unpairedAfter.find(before.names[b]);
            if (it == unpairedAfter.end() || it->empty() || similarity(before, b, after, it->front()) < 0) {
                out.append(segmentChange(before, b, Hl7Diff::Kind::Removed));
                continue;
            }
            diffFields(before, b, after, it->front(), out);
            it->pop_front();
        }
        for (int a = aBegin; a < aEnd; ++a) {
            const std::deque<int>& left = unpairedAfter[after.names[a]];
            if (std::find(left.begin(), left.end(), a) != left.end())
                out.append(segmentChange(after, a, Hl7Diff::Kind::Added));
        }
        return;
    }
    const int width = cols + 1;
    std::vector<int> weight(size_t(rows) * size_t(std::max(cols, 1)), -1);
    for (int i = 0; i < rows; ++i) {
        for (int j = 0; j < cols; ++j)
            weight[size_t(i) * size_t(cols) + size_t(j)] = similarity(before, bBegin + i, after, aBegin + j);
    }
    auto w = [&](int i, int j) { return weight[size_t(i) * size_t(cols) + size_t(j)]; };
    std::vector<int> best(size_t(rows + 1) * size_t(width), 0);
    auto at = [&](int i, int j) -> int& { return best[size_t(i) * size_t(width) + size_t(j)]; };
    for (int i = rows - 1; i >= 0; --i) {
        for (int j = cols - 1; j >= 0; --j) {
            int value = std::max(at(i + 1, j), at(i, j + 1));
            if (w(i, j) >= 0)
                value = std::max(value, w(i, j) + at(i + 1, j + 1));
            at(i, j) = value;
        }
    }
    int i = 0;
    int j = 0;
    while (i < rows || j < cols) {
        if (i < rows && j < cols && w(i, j) >= 0 && at(i, j) == w(i, j) + at(i + 1, j + 1)) {
            diffFields(before, bBegin + i, after, aBegin + j, out);
            ++i;
            ++j;
        } else if (i < rows && (j == cols || at(i, j) == at(i + 1, j))) {
            out.append(segmentChange(before, bBegin + i, Hl7Diff::Kind::Removed));
            ++i;
        } else {
            out.append(segmentChange(after, aBegin + j, Hl7Diff::Kind::Added));
            ++j;
        }
    }
}

} // namespace

QList<Hl7Diff::FieldChange> Hl7Diff::diff(const Hl7Message& before, const Hl7Message& after)
{
    QList<FieldChange> out;
    const Side b(before);
    const Side a(after);
    int nextB = 0;
    int nextA = 0;
    std::vector<std::pair<int, int>> pairs = alignIdentical(before, after);
    pairs.emplace_back(before.segmentCount(), after.segmentCount());
    for (const auto& [bi, ai] : pairs) {
        if (bi > nextB || ai > nextA)
            diffGap(b, nextB, bi, a, nextA, ai, out);
        nextB = bi + 1;
        nextA = ai + 1;
    }
    return out;
}

QString Hl7Diff::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Changed:
        return u"changed"_s;
    case Kind::Added:
        return u"added"_s;
    case Kind::Removed:
        return u"removed"_s;
    }
    return {};
}

QJsonArray Hl7Diff::toJson(const QList<FieldChange>& changes)
{
    QJsonArray out;
    for (const FieldChange& change : changes) {
        QJsonObject item { { u"path"_s, change.path }, { u"kind"_s, kindName(change.kind) } };
        if (change.kind != Kind::Added)
            item.insert(u"before"_s, change.before);
        if (change.kind != Kind::Removed)
            item.insert(u"after"_s, change.after);
        out.append(item);
    }
    return out;
}
