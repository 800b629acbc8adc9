#include "models/console/Hl7FieldNames.h"

#include <iterator>

using namespace Qt::StringLiterals;

namespace {

// HL7 v2.5.1 field names (chapters 2, 3, 4, 6, 7). Index 0 is field 1.
const char* const kMsh[] = {
    "Field Separator", "Encoding Characters", "Sending Application", "Sending Facility",
    "Receiving Application", "Receiving Facility", "Date/Time Of Message", "Security", "Message Type",
    "Message Control ID", "Processing ID", "Version ID", "Sequence Number", "Continuation Pointer",
    "Accept Acknowledgment Type", "Application Acknowledgment Type", "Country Code", "Character Set",
    "Principal Language Of Message", "Alternate Character Set Handling Scheme", "Message Profile Identifier"};

const char* const kEvn[] = {
    "Event Type Code", "Recorded Date/Time", "Date/Time Planned Event", "Event Reason Code", "Operator ID",
    "Event Occurred", "Event Facility"};

const char* const kPid[] = {
    "Set ID - PID", "Patient ID", "Patient Identifier List", "Alternate Patient ID - PID", "Patient Name",
    "Mother's Maiden Name", "Date/Time of Birth", "Administrative Sex", "Patient Alias", "Race",
    "Patient Address", "County Code", "Phone Number - Home", "Phone Number - Business", "Primary Language",
    "Marital Status", "Religion", "Patient Account Number", "SSN Number - Patient",
    "Driver's License Number - Patient", "Mother's Identifier", "Ethnic Group", "Birth Place",
    "Multiple Birth Indicator", "Birth Order", "Citizenship", "Veterans Military Status", "Nationality",
    "Patient Death Date and Time", "Patient Death Indicator", "Identity Unknown Indicator",
    "Identity Reliability Code", "Last Update Date/Time", "Last Update Facility", "Species Code",
    "Breed Code", "Strain", "Production Class Code", "Tribal Citizenship"};

const char* const kPd1[] = {
    "Living Dependency", "Living Arrangement", "Patient Primary Facility", "Patient Primary Care Provider Name & ID No.",
    "Student Indicator", "Handicap", "Living Will Code", "Organ Donor Code", "Separate Bill", "Duplicate Patient",
    "Publicity Code", "Protection Indicator", "Protection Indicator Effective Date", "Place of Worship",
    "Advance Directive Code", "Immunization Registry Status", "Immunization Registry Status Effective Date",
    "Publicity Code Effective Date", "Military Branch", "Military Rank/Grade", "Military Status"};

const char* const kNk1[] = {
    "Set ID - NK1", "Name", "Relationship", "Address", "Phone Number", "Business Phone Number",
    "Contact Role", "Start Date", "End Date", "Next of Kin / Associated Parties Job Title",
    "Next of Kin / Associated Parties Job Code/Class", "Next of Kin / Associated Parties Employee Number",
    "Organization Name - NK1", "Marital Status", "Administrative Sex", "Date/Time of Birth",
    "Living Dependency", "Ambulatory Status", "Citizenship", "Primary Language", "Living Arrangement",
    "Publicity Code", "Protection Indicator", "Student Indicator", "Religion", "Mother's Maiden Name",
    "Nationality", "Ethnic Group", "Contact Reason", "Contact Person's Name", "Contact Person's Telephone Number",
    "Contact Person's Address", "Next of Kin/Associated Party's Identifiers", "Job Status", "Race", "Handicap",
    "Contact Person Social Security Number", "Next of Kin Birth Place", "VIP Indicator"};

const char* const kPv1[] = {
    "Set ID - PV1", "Patient Class", "Assigned Patient Location", "Admission Type", "Preadmit Number",
    "Prior Patient Location", "Attending Doctor", "Referring Doctor", "Consulting Doctor", "Hospital Service",
    "Temporary Location", "Preadmit Test Indicator", "Re-admission Indicator", "Admit Source",
    "Ambulatory Status", "VIP Indicator", "Admitting Doctor", "Patient Type", "Visit Number",
    "Financial Class", "Charge Price Indicator", "Courtesy Code", "Credit Rating", "Contract Code",
    "Contract Effective Date", "Contract Amount", "Contract Period", "Interest Code",
    "Transfer to Bad Debt Code", "Transfer to Bad Debt Date", "Bad Debt Agency Code",
    "Bad Debt Transfer Amount", "Bad Debt Recovery Amount", "Delete Account Indicator",
    "Delete Account Date", "Discharge Disposition", "Discharged to Location", "Diet Type",
    "Servicing Facility", "Bed Status", "Account Status", "Pending Location", "Prior Temporary Location",
    "Admit Date/Time", "Discharge Date/Time", "Current Patient Balance", "Total Charges",
    "Total Adjustments", "Total Payments", "Alternate Visit ID", "Visit Indicator",
    "Other Healthcare Provider"};

const char* const kPv2[] = {
    "Prior Pending Location", "Accommodation Code", "Admit Reason", "Transfer Reason", "Patient Valuables",
    "Patient Valuables Location", "Visit User Code", "Expected Admit Date/Time", "Expected Discharge Date/Time",
    "Estimated Length of Inpatient Stay", "Actual Length of Inpatient Stay", "Visit Description",
    "Referral Source Code", "Previous Service Date", "Employment Illness Related Indicator",
    "Purge Status Code", "Purge Status Date", "Special Program Code", "Retention Indicator",
    "Expected Number of Insurance Plans", "Visit Publicity Code", "Visit Protection Indicator",
    "Clinic Organization Name", "Patient Status Code", "Visit Priority Code", "Previous Treatment Date",
    "Expected Discharge Disposition", "Signature on File Date", "First Similar Illness Date",
    "Patient Charge Adjustment Code", "Recurring Service Code", "Billing Media Code",
    "Expected Surgery Date and Time", "Military Partnership Code", "Military Non-Availability Code",
    "Newborn Baby Indicator", "Baby Detained Indicator", "Mode of Arrival Code", "Recreational Drug Use Code",
    "Admission Level of Care Code", "Precaution Code", "Patient Condition Code", "Living Will Code",
    "Organ Donor Code", "Advance Directive Code", "Patient Status Effective Date",
    "Expected LOA Return Date/Time", "Expected Pre-admission Testing Date/Time", "Notify Clergy Code"};

const char* const kOrc[] = {
    "Order Control", "Placer Order Number", "Filler Order Number", "Placer Group Number", "Order Status",
    "Response Flag", "Quantity/Timing", "Parent", "Date/Time of Transaction", "Entered By", "Verified By",
    "Ordering Provider", "Enterer's Location", "Call Back Phone Number", "Order Effective Date/Time",
    "Order Control Code Reason", "Entering Organization", "Entering Device", "Action By",
    "Advanced Beneficiary Notice Code", "Ordering Facility Name", "Ordering Facility Address",
    "Ordering Facility Phone Number", "Ordering Provider Address", "Order Status Modifier",
    "Advanced Beneficiary Notice Override Reason", "Filler's Expected Availability Date/Time",
    "Confidentiality Code", "Order Type", "Enterer Authorization Mode", "Parent Universal Service Identifier"};

const char* const kObr[] = {
    "Set ID - OBR", "Placer Order Number", "Filler Order Number", "Universal Service Identifier",
    "Priority - OBR", "Requested Date/Time", "Observation Date/Time", "Observation End Date/Time",
    "Collection Volume", "Collector Identifier", "Specimen Action Code", "Danger Code",
    "Relevant Clinical Information", "Specimen Received Date/Time", "Specimen Source", "Ordering Provider",
    "Order Callback Phone Number", "Placer Field 1", "Placer Field 2", "Filler Field 1", "Filler Field 2",
    "Results Rpt/Status Chng - Date/Time", "Charge to Practice", "Diagnostic Serv Sect ID", "Result Status",
    "Parent Result", "Quantity/Timing", "Result Copies To", "Parent", "Transportation Mode",
    "Reason for Study", "Principal Result Interpreter", "Assistant Result Interpreter", "Technician",
    "Transcriptionist", "Scheduled Date/Time", "Number of Sample Containers",
    "Transport Logistics of Collected Sample", "Collector's Comment", "Transport Arrangement Responsibility",
    "Transport Arranged", "Escort Required", "Planned Patient Transport Comment", "Procedure Code",
    "Procedure Code Modifier", "Placer Supplemental Service Information",
    "Filler Supplemental Service Information", "Medically Necessary Duplicate Procedure Reason",
    "Result Handling", "Parent Universal Service Identifier"};

const char* const kObx[] = {
    "Set ID - OBX", "Value Type", "Observation Identifier", "Observation Sub-ID", "Observation Value",
    "Units", "References Range", "Abnormal Flags", "Probability", "Nature of Abnormal Test",
    "Observation Result Status", "Effective Date of Reference Range", "User Defined Access Checks",
    "Date/Time of the Observation", "Producer's ID", "Responsible Observer", "Observation Method",
    "Equipment Instance Identifier", "Date/Time of the Analysis"};

const char* const kNte[] = {"Set ID - NTE", "Source of Comment", "Comment", "Comment Type"};

const char* const kMsa[] = {
    "Acknowledgment Code", "Message Control ID", "Text Message", "Expected Sequence Number",
    "Delayed Acknowledgment Type", "Error Condition"};

const char* const kErr[] = {
    "Error Code and Location", "Error Location", "HL7 Error Code", "Severity", "Application Error Code",
    "Application Error Parameter", "Diagnostic Information", "User Message", "Inform Person Indicator",
    "Override Type", "Override Reason Code", "Help Desk Contact Point"};

const char* const kAl1[] = {
    "Set ID - AL1", "Allergen Type Code", "Allergen Code/Mnemonic/Description", "Allergy Severity Code",
    "Allergy Reaction Code", "Identification Date"};

const char* const kDg1[] = {
    "Set ID - DG1", "Diagnosis Coding Method", "Diagnosis Code - DG1", "Diagnosis Description",
    "Diagnosis Date/Time", "Diagnosis Type", "Major Diagnostic Category", "Diagnostic Related Group",
    "DRG Approval Indicator", "DRG Grouper Review Code", "Outlier Type", "Outlier Days", "Outlier Cost",
    "Grouper Version And Type", "Diagnosis Priority", "Diagnosing Clinician", "Diagnosis Classification",
    "Confidential Indicator", "Attestation Date/Time", "Diagnosis Identifier", "Diagnosis Action Code"};

const char* const kIn1[] = {
    "Set ID - IN1", "Insurance Plan ID", "Insurance Company ID", "Insurance Company Name",
    "Insurance Company Address", "Insurance Co Contact Person", "Insurance Co Phone Number", "Group Number",
    "Group Name", "Insured's Group Emp ID", "Insured's Group Emp Name", "Plan Effective Date",
    "Plan Expiration Date", "Authorization Information", "Plan Type", "Name Of Insured",
    "Insured's Relationship To Patient", "Insured's Date Of Birth", "Insured's Address",
    "Assignment Of Benefits", "Coordination Of Benefits", "Coord Of Ben. Priority",
    "Notice Of Admission Flag", "Notice Of Admission Date", "Report Of Eligibility Flag",
    "Report Of Eligibility Date", "Release Information Code", "Pre-Admit Cert (PAC)",
    "Verification Date/Time", "Verification By", "Type Of Agreement Code", "Billing Status",
    "Lifetime Reserve Days", "Delay Before L.R. Day", "Company Plan Code", "Policy Number",
    "Policy Deductible", "Policy Limit - Amount", "Policy Limit - Days", "Room Rate - Semi-Private",
    "Room Rate - Private", "Insured's Employment Status", "Insured's Administrative Sex",
    "Insured's Employer's Address", "Verification Status", "Prior Insurance Plan ID", "Coverage Type",
    "Handicap", "Insured's ID Number", "Signature Code", "Signature Code Date", "Insured's Birth Place",
    "VIP Indicator"};

const char* const kSpm[] = {
    "Set ID - SPM", "Specimen ID", "Specimen Parent IDs", "Specimen Type", "Specimen Type Modifier",
    "Specimen Additives", "Specimen Collection Method", "Specimen Source Site", "Specimen Source Site Modifier",
    "Specimen Collection Site", "Specimen Role", "Specimen Collection Amount", "Grouped Specimen Count",
    "Specimen Description", "Specimen Handling Code", "Specimen Risk Code", "Specimen Collection Date/Time",
    "Specimen Received Date/Time", "Specimen Expiration Date/Time", "Specimen Availability",
    "Specimen Reject Reason", "Specimen Quality", "Specimen Appropriateness", "Specimen Condition",
    "Specimen Current Quantity", "Number of Specimen Containers", "Container Type", "Container Condition",
    "Specimen Child Role"};

struct Segment
{
    const char* id;
    const char* name;
    const char* const* fields;
    int count;
};

template<std::size_t N>
constexpr Segment segment(const char* id, const char* name, const char* const (&fields)[N])
{
    return {id, name, fields, int(N)};
}

const Segment kSegments[] = {
    segment("MSH", "Message Header", kMsh),
    segment("EVN", "Event Type", kEvn),
    segment("PID", "Patient Identification", kPid),
    segment("PD1", "Patient Additional Demographic", kPd1),
    segment("NK1", "Next of Kin / Associated Parties", kNk1),
    segment("PV1", "Patient Visit", kPv1),
    segment("PV2", "Patient Visit - Additional Information", kPv2),
    segment("ORC", "Common Order", kOrc),
    segment("OBR", "Observation Request", kObr),
    segment("OBX", "Observation/Result", kObx),
    segment("NTE", "Notes and Comments", kNte),
    segment("MSA", "Message Acknowledgment", kMsa),
    segment("ERR", "Error", kErr),
    segment("AL1", "Patient Allergy Information", kAl1),
    segment("DG1", "Diagnosis", kDg1),
    segment("IN1", "Insurance", kIn1),
    segment("SPM", "Specimen", kSpm),
};

const Segment* find(QStringView id)
{
    for (const Segment& s : kSegments) {
        if (id.compare(QLatin1StringView(s.id), Qt::CaseInsensitive) == 0)
            return &s;
    }
    return nullptr;
}

} // namespace

QString Hl7FieldNames::fieldName(QStringView segmentId, int field)
{
    const Segment* s = find(segmentId);
    if (!s || field < 1 || field > s->count)
        return QString();
    return QString::fromLatin1(s->fields[field - 1]);
}

QString Hl7FieldNames::segmentName(QStringView segmentId)
{
    const Segment* s = find(segmentId);
    return s ? QString::fromLatin1(s->name) : QString();
}

QString Hl7FieldNames::label(QStringView segmentId, int field)
{
    const QString element = segmentId.toString().toUpper() + u'-' + QString::number(field);
    const QString name = fieldName(segmentId, field);
    return name.isEmpty() ? element : element + u' ' + name;
}

int Hl7FieldNames::knownFieldCount(QStringView segmentId)
{
    const Segment* s = find(segmentId);
    return s ? s->count : 0;
}
