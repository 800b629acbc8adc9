#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

/// The delimiters of one message, read from MSH-1 and MSH-2 (never assumed).
struct Hl7Encoding
{
    char field = '|';
    char component = '^';
    char repetition = '~';
    char escape = '\\';
    char subcomponent = '&';
    char truncation = 0;                             ///< v2.7+ fifth character, 0 when absent
    QByteArray msh2() const;                         ///< the encoding characters as written in MSH-2
};

/// HL7 table 0357 error codes used in ERR-3 and ACK building.
enum class Hl7ErrorCode : int {
    Accepted = 0,
    SegmentSequenceError = 100,
    RequiredFieldMissing = 101,
    DataTypeError = 102,
    TableValueNotFound = 103,
    UnsupportedMessageType = 200,
    UnsupportedEventCode = 201,
    UnsupportedProcessingId = 202,
    UnsupportedVersionId = 203,
    UnknownKeyIdentifier = 204,
    DuplicateKeyIdentifier = 205,
    ApplicationRecordLocked = 206,
    ApplicationInternalError = 207,
};

/// Where in a message something is (ERR-2, ERL data type: SEG^seq^field^rep^comp^sub).
/// Numbers are 1-based; 0 means "not applicable".
struct Hl7Location
{
    QByteArray segment;                              ///< "MSH", "PID", ...; empty when no segment applies
    int segmentSequence = 0;                         ///< 1 for the first segment of that name
    int field = 0;
    int repetition = 0;
    int component = 0;
    int subcomponent = 0;
    QString toString() const;                        ///< "PID(1)-3(1).1" style, for people and traces
};

/// One problem found while parsing or validating; becomes an ERR segment.
struct Hl7Error
{
    Hl7ErrorCode code = Hl7ErrorCode::ApplicationInternalError;
    char severity = 'E';                             ///< table 0516: E error, W warning, I information
    Hl7Location location;
    QString message;                                 ///< plain English; never contains PHI values
};

/// MSA-1 acknowledgement codes (table 0008).
enum class Hl7AckCode { AA, AE, AR, CA, CE, CR };
QByteArray toByteArray(Hl7AckCode code);
