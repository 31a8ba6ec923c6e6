#!/usr/bin/env python3
"""A large HMIS CSV export (HUD's FY2026 columns, in its order) for timing the import: N projects
of N/5 organisations, a realistic mix: mostly emergency shelter, transitional and rapid
re-housing; a tenth of types not served; some ended; a tenth of organisations victim service
providers; one or two inventory rows and a funder each. Generated from a fixed seed, no real data.
Usage: hmis-export.py FOLDER [PROJECTS]"""
import csv, os, random, sys

COLUMNS = {
    "Organization.csv": "OrganizationID OrganizationName VictimServiceProvider OrganizationCommonName DateCreated DateUpdated UserID DateDeleted ExportID",
    "Project.csv": "ProjectID OrganizationID ProjectName ProjectCommonName OperatingStartDate OperatingEndDate ContinuumProject ProjectType HousingType RRHSubType ResidentialAffiliation TargetPopulation HOPWAMedAssistedLivingFac PITCount DateCreated DateUpdated UserID DateDeleted ExportID",
    "Funder.csv": "FunderID ProjectID Funder OtherFunder GrantID StartDate EndDate DateCreated DateUpdated UserID DateDeleted ExportID",
    "ProjectCoC.csv": "ProjectCoCID ProjectID CoCCode Geocode Address1 Address2 City State ZIP GeographyType DateCreated DateUpdated UserID DateDeleted ExportID",
    "Inventory.csv": "InventoryID ProjectID CoCCode HouseholdType Availability UnitInventory BedInventory CHVetBedInventory YouthVetBedInventory VetBedInventory CHYouthBedInventory YouthBedInventory CHBedInventory OtherBedInventory ESBedType InventoryStartDate InventoryEndDate DateCreated DateUpdated UserID DateDeleted ExportID",
    "HMISParticipation.csv": "HMISParticipationID ProjectID HMISParticipationType HMISParticipationStatusStartDate HMISParticipationStatusEndDate DateCreated DateUpdated UserID DateDeleted ExportID",
    "CEParticipation.csv": "CEParticipationID ProjectID AccessPoint PreventionAssessment CrisisAssessment HousingAssessment DirectServices ReceivesReferrals CEParticipationStatusStartDate CEParticipationStatusEndDate DateCreated DateUpdated UserID DateDeleted ExportID",
}
ZIPS = ["90017", "90057", "90044", "90001", "90230", "91405", "91731", "90640", "90501", "93534", "90802", "91101", "91203"]
COCS = {"90802": "CA-606", "91101": "CA-607", "91203": "CA-612"}
META = {"DateCreated": "2025-10-01 09:00:00", "DateUpdated": "2026-11-30 17:45:00", "UserID": "SYS", "ExportID": "BENCH"}


def main():
    folder, projects = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(7)
    files = {name: [] for name in COLUMNS}

    def add(name, **values):
        row = dict.fromkeys(COLUMNS[name].split(), "")
        row.update(META)
        row.update(values)
        files[name].append(row)

    organizations = max(1, projects // 5)
    for o in range(organizations):
        add("Organization.csv", OrganizationID=f"O{o}", OrganizationName=f"Organisation {o}",
            VictimServiceProvider="1" if o % 10 == 0 else "0")
    for p in range(projects):
        kind = rng.choices(["0", "1", "2", "13", "4", "3"], [35, 15, 20, 20, 5, 5])[0]
        ended = rng.random() < 0.03
        zip_code = rng.choice(ZIPS)
        coc = COCS.get(zip_code, "CA-600")
        start = f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-01"
        add("Project.csv", ProjectID=f"P{p}", OrganizationID=f"O{p % organizations}", ProjectName=f"Program {p}",
            OperatingStartDate=start, OperatingEndDate="2025-06-30" if ended else "", ContinuumProject="1", ProjectType=kind,
            HousingType="1", RRHSubType=("1" if rng.random() < 0.1 else "2") if kind == "13" else "",
            TargetPopulation="1" if rng.random() < 0.08 else "4", HOPWAMedAssistedLivingFac="2")
        add("ProjectCoC.csv", ProjectCoCID=f"C{p}", ProjectID=f"P{p}", CoCCode=coc, Geocode="069037",
            Address1=f"{100 + p} Main St", City="Los Angeles", State="CA", ZIP=zip_code, GeographyType="1")
        for i, household in enumerate(rng.sample(["1", "3", "4"], rng.choice([1, 1, 2]))):
            beds = rng.randint(4, 80)
            units = 0 if household == "1" and kind != "13" else max(1, beds // 3)
            add("Inventory.csv", InventoryID=f"I{p}-{i}", ProjectID=f"P{p}", CoCCode=coc, HouseholdType=household,
                Availability=rng.choice(["1", "1", "1", "2", "3"]) if kind in ("0", "1") else "",
                UnitInventory=str(units), BedInventory=str(beds), ESBedType="1" if kind in ("0", "1") else "",
                InventoryStartDate=start)
        add("Funder.csv", FunderID=f"F{p}", ProjectID=f"P{p}", Funder=rng.choice(["2", "3", "5", "8", "46"]),
            OtherFunder="County general fund", StartDate=start)
        add("HMISParticipation.csv", HMISParticipationID=f"H{p}", ProjectID=f"P{p}",
            HMISParticipationType="2" if rng.random() < 0.05 else "1", HMISParticipationStatusStartDate=start)
        add("CEParticipation.csv", CEParticipationID=f"E{p}", ProjectID=f"P{p}", AccessPoint="0", ReceivesReferrals="1",
            CEParticipationStatusStartDate=start)
    for name, rows in files.items():
        for row in rows:
            if name == "Funder.csv" and row["Funder"] != "46":
                row["OtherFunder"] = ""
        with open(os.path.join(folder, name), "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=COLUMNS[name].split(), lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(rows)


main()
