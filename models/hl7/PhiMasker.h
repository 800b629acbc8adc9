#pragma once

#include "models/hl7/Hl7Diff.h"
#include "models/hl7/Hl7Types.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QStringList>
#include <QStringView>

#include <optional>

/// Masks patient-identifying fields of HL7 v2 messages before they leave the node in a response.
///
/// A field path ("PID-5", "NK1-2", or with a component "PID-11.1", or a subcomponent "PID-3.4.2")
/// names that element in every occurrence of the segment and every repetition of the field. Each
/// non-empty leaf value inside it (subcomponent, or component when there are none) becomes "***";
/// empty values and the explicit null `""` stay as they are, and all delimiters, segments and
/// terminators are kept, so the masked message parses like the original and reads with the same
/// structure. Where '*' is one of the message's delimiters the mask is written escaped ("\S\" per
/// star), so it still reads back as "***"; a message that also has no escape character gets "XXX".
///
/// A line that is no well-formed segment (free text between segments, the rest of a segment broken
/// by a line end inside a field) cannot be attributed to a field, so it becomes "***" as a whole.
/// A message without a usable MSH cannot be walked field by field, so it is masked conservatively:
/// MSH lines are kept, every other line keeps only its segment ID and the character after it
/// ("PID|***"), and lines that start with no segment ID become "***".
class PhiMasker
{
public:
    struct Result
    {
        QByteArray masked;
        /// What was masked, for the response: "PID-5", "NK1(2)-2", "PID-11.1", and "segment n"
        /// (1-based) for a line that is no well-formed segment. Conservative masking reports whole
        /// segments ("PID", "NK1(2)") and "line n" for lines without a segment ID.
        QStringList maskedPaths;
        bool conservative = false;                   ///< the input did not parse
    };

    /// The mask written in place of each value.
    static constexpr char maskText[] = "***";

    /// Paths that are not valid (validateFieldPath) are left out and listed by invalidPaths(): the
    /// config loader rejects them before a masker is built, so a typo never silently unmasks.
    explicit PhiMasker(const QStringList& fieldPaths = defaultFields());

    /// The fields masked when the configuration names none ("api.phiFields"): names, identifiers,
    /// dates of birth and death, addresses, phone numbers and account/licence numbers of the
    /// patient (PID, MRG), next of kin (NK1), guarantor and insured (GT1, IN1) and their spouse
    /// and employer.
    static QStringList defaultFields();

    /// A PHI field path is SEG-field with an optional .component[.subcomponent]; no segment
    /// occurrence or repetition (masking applies to all of them), and not MSH-1/MSH-2 (BHS, FHS),
    /// which hold the delimiters. On failure says why, naming the path.
    static bool validateFieldPath(QStringView path, QString* errorString = nullptr);
    /// validateFieldPath() for each; the first failure's reason.
    static bool validateFieldPaths(const QStringList& paths, QString* errorString = nullptr);

    QStringList fields() const;                      ///< the valid paths in use, as given
    QStringList invalidPaths() const;

    QByteArray mask(const QByteArray& raw) const;
    QStringList maskedPaths(const QByteArray& raw) const;
    /// mask() and maskedPaths() in one pass.
    Result maskWithReport(const QByteArray& raw) const;

    /// Masks the values of a diff (Hl7Diff) that lie in PHI fields, whole segments included. Each
    /// side is read with its own message's delimiters. Changes stay in the list: that a PHI field
    /// was edited is useful to know, what it holds is not.
    QList<Hl7Diff::FieldChange> maskChanges(QList<Hl7Diff::FieldChange> changes, const Hl7Encoding& before,
                                            const Hl7Encoding& after) const;

private:
    struct Spec
    {
        int field = 0;
        int component = 0;                           ///< 0: every component
        int subcomponent = 0;                        ///< 0: every subcomponent
        QString path;                                ///< as configured, for maskedPaths()
    };

    std::optional<QByteArray> maskSegment(QByteArrayView segment, const Hl7Encoding& encoding,
                                          const QByteArray& token, int occurrence, QStringList* paths) const;
    Result maskConservatively(const QByteArray& raw) const;

    QStringList m_fields;
    QStringList m_invalid;
    QHash<QByteArray, QList<Spec>> m_bySegment;
};
