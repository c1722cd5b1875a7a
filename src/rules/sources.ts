/** Citations by document title, edition and year (RULES.md "Versions"): never a file name. */
export const SRC = {
  stpcd: "School Teachers' Pay and Conditions Document 2025 (England), Part 7",
  stpcdWales: "School Teachers' Pay and Conditions (Wales) Document 2025",
  burgundy:
    "School Teachers' Pay and Conditions Document 2024 (England), para. 52.3; Burgundy Book (Conditions of Service for School Teachers in England and Wales, 2000 edition)",
  dfeEct: "DfE Induction for early career teachers (England), statutory guidance 2024",
  asos: "NUT, “How to win with Action Short of Strike Action” (ASOS guidance, c. 2015; the NUT is now the NEU)",
  wtr: "Working Time Regulations 1998 (SI 1998/1833)",
  wtrNi: "Working Time Regulations (Northern Ireland) 2016",
  niTnc: "NI Teachers' Negotiating Committee agreement TNC 2024/2 (directed time budgets, 2024)",
  niTncPpa: "NI Teachers' Negotiating Committee agreement TNC 2020/1 (PPA, 2020)",
  niTncComms:
    "NI Teachers' Negotiating Committee agreement TNC 2025/1, Action 2 (communication with parents, 2025)",
  snct: "SNCT Handbook of Conditions of Service (2025 edition), Part 2 section 3 and Appendix 2.17",
  wdAgreement: "West Dunbartonshire Council, 35 Hour Working Week Agreement, session 2012-13",
  eaCover: "East Ayrshire Council JNCT Circular 10, Absence Cover Arrangements for Teachers (October 2005)",
  astca: "PPTA, “Make your Collective Agreement Real”: ASTCA workload entitlements (May 2013)",
  nzPrimary: "Primary Teachers' Collective Agreement 2023-2025, cl. 3.28 (classroom release time)",
  nzPrimaryHours: "Primary Teachers' Collective Agreement 2023-2025, cl. 2.10 (hours of work)",
  nzEra: "Employment Relations Act 2000 s69ZD (New Zealand)",
  greenBook:
    "NJC for Local Government Services, National Agreement on Pay and Conditions of Service (the Green Book, 1997, as amended), as explained in NEU, “The Green Book and Associated Matters”: guidance for reps and local officers (c. 2019)",
  ieCode: "Code of Practice on the Right to Disconnect, S.I. 159/2021 (Ireland)",
  auFwa: "Fair Work Act 2009 s333M (Australia)",
  unionPpa: "NEU and NASUWT advice on PPA time (their web pages, as checked in November 2026)",
  nasuwtEmail: "NASUWT advice on email and working hours (web page, as checked in November 2026)",
} as const;
