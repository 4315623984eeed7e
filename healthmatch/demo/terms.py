"""Short names for the default regulatory items (healthmatch/accounts/taxonomy_defaults.py).

Data modules name taxonomy terms by their default name; the seeder finds them by slug, so a
coordinator renaming a term does not break the demo.
"""

MDR_I = "CE marking – MDR class I"
MDR_IIA = "CE marking – MDR class IIa"
MDR_IIB = "CE marking – MDR class IIb"
MDR_III = "CE marking – MDR class III"
IVDR = "IVDR certification"
ISO13485 = "ISO 13485"
ISO27001 = "ISO 27001"
IEC62304 = "IEC 62304 (medical device software)"
DPIA = "GDPR DPIA completed"
AI_ACT = "EU AI Act conformity"
FHIR = "HL7 FHIR conformance"
NIS2 = "NIS2 compliance"
