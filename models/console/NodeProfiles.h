#pragma once

#include "models/console/NodeProfile.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

class QSettings;

/// The console's list of nodes, loaded from and saved to QSettings. Every change is validated
/// first; errors are translated sentences meant for the user.
///
/// The caller owns the QSettings (the app's default one, or a file in tests) or passes a file path
/// (INI format). Profiles live under the group "nodes" as an array; nothing else in the settings is
/// touched.
class NodeProfiles
{
    Q_DECLARE_TR_FUNCTIONS(NodeProfiles)

public:
    /// Why a profile was refused. The UI may use it to focus the offending field.
    enum class Problem {
        None,
        HostMissing,      ///< host empty (after trimming)
        HostInvalid,      ///< host has spaces, a scheme ("https://") or a path
        PortOutOfRange,   ///< port 0
        DisplayNameTaken, ///< another profile has this display name (case-insensitive)
        IdMissing,        ///< update()/remove() without an id
        UnknownId,        ///< update()/remove() of an id that is not in the list
        DuplicateId,      ///< add() of an id that is already in the list
    };

    /// Replaces the list with what `settings` holds. Invalid or duplicate entries are skipped;
    /// then false is returned with the reason, and the valid ones are still loaded.
    bool load(QSettings& settings, QString* errorString = nullptr);
    /// Same, from an INI file (a missing file is an empty list, not an error).
    bool load(const QString& iniFilePath, QString* errorString = nullptr);
    /// Writes the whole list (replacing the "nodes" group) and syncs.
    bool save(QSettings& settings, QString* errorString = nullptr) const;
    bool save(const QString& iniFilePath, QString* errorString = nullptr) const;

    const QList<NodeProfile>& profiles() const { return m_profiles; }
    int size() const { return int(m_profiles.size()); }
    std::optional<NodeProfile> find(const QString& id) const;

    /// Checks `profile` against the rules and the other profiles (the one with the same id is
    /// ignored, so this serves both add and edit). Fields are checked after normalize().
    Problem validate(const NodeProfile& profile, QString* errorString = nullptr) const;

    /// Adds a profile; an empty id gets a new UUID. Returns the stored id, or an empty string
    /// when refused (the reason in errorString and, if given, problem).
    QString add(NodeProfile profile, QString* errorString = nullptr, Problem* problem = nullptr);
    /// Replaces the profile with the same id.
    bool update(const NodeProfile& profile, QString* errorString = nullptr, Problem* problem = nullptr);
    bool remove(const QString& id, QString* errorString = nullptr);

    /// Trims text fields; an empty display name becomes address(). add()/update() store the
    /// normalized form.
    static NodeProfile normalize(NodeProfile profile);

private:
    int indexOf(const QString& id) const;

    QList<NodeProfile> m_profiles;
};
