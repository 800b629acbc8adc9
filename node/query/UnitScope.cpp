#include "node/query/UnitScope.h"

namespace {

// SQLite's NOCASE folds ASCII letters only; so must this, or two units that SQLite tells apart
// would collapse into one walk and lose the other's rows.
QString asciiFolded(const QString& text)
{
    QString folded = text;
    for (QChar& c : folded) {
        if (c >= u'A' && c <= u'Z')
            c = QChar(c.unicode() + (u'a' - u'A'));
    }
    return folded;
}

} // namespace

std::optional<QStringList> UnitScope::of(const Principal& principal)
{
    if (principal.role == Role::Nurse)
        return principal.units;
    return std::nullopt;
}

QStringList UnitScope::normalized(const QStringList& units)
{
    QStringList result;
    QStringList keys;
    for (const QString& unit : units) {
        if (unit.isEmpty())
            continue;
        const QString key = asciiFolded(unit);
        if (keys.contains(key))
            continue;
        keys.append(key);
        result.append(unit);
    }
    return result;
}

bool UnitScope::contains(const QStringList& units, const QString& unit)
{
    if (unit.isEmpty())
        return false;
    const QString key = asciiFolded(unit);
    for (const QString& u : units) {
        if (asciiFolded(u) == key)
            return true;
    }
    return false;
}
