#include "models/routing/RoutePatterns.h"

using namespace Qt::StringLiterals;

namespace {

bool isCodeChar(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

void setError(QString* errorString, const QString& text)
{
    if (errorString)
        *errorString = text;
}

// One part of a message-type pattern: "*" or an HL7 code. HL7 codes are exactly three characters, so a
// length check catches the common slips ("ADTA01", "adt"). Partial wildcards ("A0*") are refused because
// channel accept lists (Hl7Validator) compare whole parts only; one meaning everywhere.
bool isValidCodePattern(QStringView part, QString* why)
{
    if (part == u"*")
        return true;
    if (part.isEmpty()) {
        *why = u"is empty"_s;
        return false;
    }
    for (QChar c : part) {
        if (c == u'*') {
            *why = u"may be \"*\" but cannot contain '*' with other characters"_s;
            return false;
        }
        if (c.isLower()) {
            *why = u"must be upper case"_s;
            return false;
        }
        if (!isCodeChar(c)) {
            *why = u"contains '%1' (only A-Z and 0-9 are allowed)"_s.arg(c);
            return false;
        }
    }
    if (part.size() != 3) {
        *why = u"must be three letters or digits"_s;
        return false;
    }
    return true;
}

// Reads a positive decimal number at `pos`, advancing it.
bool readNumber(QStringView text, qsizetype& pos)
{
    const qsizetype start = pos;
    while (pos < text.size() && text[pos].isDigit() && text[pos].unicode() < 128)
        ++pos;
    if (pos == start || pos - start > 6)
        return false;
    return text.mid(start, pos - start).toInt() > 0;
}

// Reads "(n)" at `pos` when present.
bool readOptionalIndex(QStringView text, qsizetype& pos)
{
    if (pos >= text.size() || text[pos] != u'(')
        return true;
    ++pos;
    if (!readNumber(text, pos) || pos >= text.size() || text[pos] != u')')
        return false;
    ++pos;
    return true;
}

} // namespace

namespace RoutePatterns {

bool globMatch(QStringView pattern, QStringView text)
{
    // Greedy scan that backtracks only to the last '*': linear for the short patterns we get.
    qsizetype p = 0, t = 0;
    qsizetype starP = -1, starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == u'*') {
            starP = p++;
            starT = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (starP >= 0) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

bool isValidMessageTypePattern(QStringView pattern, QString* errorString)
{
    const QString syntax = u"\"%1\" is not a message-type pattern (TYPE or TYPE^TRIGGER, e.g. \"ADT\", "
                           "\"ORU^R01\", \"*^R01\", \"*\")"_s.arg(pattern);
    const qsizetype caret = pattern.indexOf(u'^');
    if (caret >= 0 && pattern.indexOf(u'^', caret + 1) >= 0) {
        setError(errorString, syntax + u": more than one '^'"_s);
        return false;
    }
    // "ADT_A01" is a message structure (MSH-9.3), the most common slip.
    if (caret < 0 && pattern.size() == 7 && pattern[3] == u'_') {
        setError(errorString, syntax + u": that is a message structure; write \"%1^%2\""_s.arg(pattern.left(3),
                                                                                                pattern.mid(4)));
        return false;
    }
    QString why;
    const QStringView type = caret < 0 ? pattern : pattern.left(caret);
    if (!isValidCodePattern(type, &why)) {
        setError(errorString, syntax + u": the message type "_s + why);
        return false;
    }
    if (caret >= 0 && !isValidCodePattern(pattern.mid(caret + 1), &why)) {
        setError(errorString, syntax + u": the trigger event "_s + why);
        return false;
    }
    return true;
}

bool matchesMessageType(QStringView pattern, QStringView type, QStringView trigger)
{
    const qsizetype caret = pattern.indexOf(u'^');
    if (caret < 0)
        return globMatch(pattern, type);
    return globMatch(pattern.left(caret), type) && globMatch(pattern.mid(caret + 1), trigger);
}

bool isValidTriggerPattern(QStringView pattern, QString* errorString)
{
    QString why;
    if (isValidCodePattern(pattern, &why))
        return true;
    setError(errorString, u"\"%1\" is not a trigger event pattern (e.g. \"A01\" or \"*\"): it %2"_s
                              .arg(pattern, why));
    return false;
}

bool isValidFieldPath(QStringView path, QString* errorString)
{
    const auto fail = [&](const QString& why) {
        setError(errorString, u"\"%1\" is not a field path (SEG[(n)]-FIELD[(REP)][.COMPONENT[.SUB]], e.g. "
                              "\"PV1-3.1\", \"OBX(2)-5\"): %2"_s.arg(path, why));
        return false;
    };
    if (path.size() < 5)
        return fail(u"too short"_s);
    if (!(path[0] >= u'A' && path[0] <= u'Z') || !isCodeChar(path[1]) || !isCodeChar(path[2]))
        return fail(u"the segment name must be three upper-case letters or digits, starting with a letter"_s);
    qsizetype pos = 3;
    if (!readOptionalIndex(path, pos))
        return fail(u"bad segment occurrence, expected \"(n)\" with n >= 1"_s);
    if (pos >= path.size() || path[pos] != u'-')
        return fail(u"expected '-' after the segment name"_s);
    ++pos;
    if (!readNumber(path, pos))
        return fail(u"expected a field number >= 1 after '-'"_s);
    if (!readOptionalIndex(path, pos))
        return fail(u"bad repetition, expected \"(n)\" with n >= 1"_s);
    for (int level = 0; level < 2 && pos < path.size(); ++level) {
        if (path[pos] != u'.')
            break;
        ++pos;
        if (!readNumber(path, pos))
            return fail(level == 0 ? u"expected a component number >= 1 after '.'"_s
                                   : u"expected a subcomponent number >= 1 after '.'"_s);
    }
    if (pos != path.size())
        return fail(u"unexpected \"%1\" at the end"_s.arg(path.mid(pos)));
    return true;
}

} // namespace RoutePatterns
