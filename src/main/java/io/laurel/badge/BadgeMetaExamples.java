package io.laurel.badge;

/** Request examples for the API description, taken from the platform's documents (seed 003). */
final class BadgeMetaExamples {

    private BadgeMetaExamples() {
    }

    static final String BIRTHDAY_BADGE = """
            {
              "name": "Birthday Badge",
              "description": "Make a purchase during your birthday month and get a 40% discount coupon",
              "startOn": 1698557400,
              "expiresOn": 4872129400,
              "earnType": "ISSUE_EARN",
              "images": [
                {"name": "", "fileSvcHandle": "8be2b78e-b1d6-4127-926a-2cbed7eb2785",
                 "url": "https://storage.crm.eu.content-cdn.io/fs.capillary.eu/incentives_assets/badges/images/100606/653dea07b3cda7078c7c68ee_UN_EARNED_vDx_DRdk.png",
                 "tag": "UN_EARNED"},
                {"name": "", "fileSvcHandle": "6d5bbab0-e75c-46c4-ac61-e9f7efeb8863",
                 "url": "https://storage.crm.eu.content-cdn.io/fs.capillary.eu/incentives_assets/badges/images/100606/653dea07b3cda7078c7c68ee_EARNED_P-Hmb96D.png",
                 "tag": "EARNED"}
              ],
              "badgeGroupId": "65c3600c60d9261bdd8a6410",
              "badgeRank": 2,
              "ownership": {"restrictedToOwners": ["Loyalty"]},
              "customerConstraints": [{"constraintType": "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit": 1}],
              "badgeConstraints": [],
              "customFields": {"2024": "true", "Date": "2025-01-18 14:39:09", "Category1": "false", "Priority": "1"},
              "active": true
            }""";

    static final String BADGE_ASDFG = """
            {
              "name": "BADGE_ASDFG",
              "description": "Purchase products worth minimum 1K in the month of March and get this badge",
              "startOn": 1713865283.000000000,
              "expiresOn": 1828754110.000000000,
              "earnType": "EARN",
              "images": [],
              "tags": [],
              "ownership": {"restrictedToOwners": ["Loyalty"]},
              "customerConstraints": [
                {"constraintType": "CUSTOMER_BADGE_FIXED_WINDOW", "referenceId": "9fae3031-3abf-3936-b5df-311839c04910",
                 "durationType": "MONTHS", "maxEarnLimit": 1, "cycleStatus": "ACTIVE",
                 "startDate": 1713865283.000000000, "endDate": 1828754110.000000000}
              ],
              "badgeConstraints": [
                {"constraintType": "BADGE_FIXED_VALUE", "maxEarnLimit": 1000},
                {"constraintType": "BADGE_ROLLING_WINDOW", "rollType": "WEEKS", "rollValue": 1, "maxEarnLimit": 2000},
                {"constraintType": "BADGE_ROLLING_WINDOW", "rollType": "MONTHS", "rollValue": 1, "maxEarnLimit": 10000},
                {"constraintType": "BADGE_ROLLING_WINDOW", "rollType": "DAYS", "rollValue": 1, "maxEarnLimit": 100}
              ],
              "customFields": {"2024": "true", "Date": "2025-01-18T09:09:09Z"},
              "active": true
            }""";
}
