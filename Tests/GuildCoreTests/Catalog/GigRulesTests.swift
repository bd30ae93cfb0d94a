import Foundation
import Testing
@testable import GuildCore

@Suite struct GigRulesTests {
    private static func package(
        name: String = "Basic", priceCents: Int64 = 5_000, deliveryDays: Int = 3, revisions: Int = 1, includes: [String] = []
    ) -> PackageDraft {
        PackageDraft(name: name, priceCents: priceCents, deliveryDays: deliveryDays, revisions: revisions, includes: includes)
    }

    private static func draft(
        title: String = "I will design a clear logo for your bakery",
        description: String = "Three original concepts, a colour palette and files for print and web.",
        category: String = "design", subcategory: String? = "logo-design", tags: [String] = ["logo", "branding"],
        packages: [PackageDraft] = [package()]
    ) -> GigDraft {
        GigDraft(title: title, description: description, category: category, subcategory: subcategory, tags: tags, packages: packages)
    }

    private static func fields(_ draft: GigDraft) -> [String] {
        do {
            _ = try GigRules.validate(draft)
            return []
        } catch {
            return error.errors.map(\.field)
        }
    }

    @Test func validGigPassesAndComesBackNormalised() throws {
        // given
        let input = Self.draft(title: "  I will design a clear logo for your bakery  ", tags: [" Logo ", "logo", "Brand  Identity"])
        // when
        let output = try GigRules.validate(input)
        // then
        #expect(output.title == "I will design a clear logo for your bakery")
        #expect(output.tags == ["logo", "brand identity"])
    }

    @Test func titleLengthIsCheckedAfterTrimming() {
        // given
        let short = Self.draft(title: "   Logo    ")
        let long = Self.draft(title: String(repeating: "a", count: 81))
        let edge = Self.draft(title: String(repeating: "a", count: 80))
        // when / then
        #expect(Self.fields(short) == ["title"])
        #expect(Self.fields(long) == ["title"])
        #expect(Self.fields(edge).isEmpty)
    }

    @Test func descriptionLengthLimits() {
        #expect(Self.fields(Self.draft(description: String(repeating: "x", count: 29))) == ["description"])
        #expect(Self.fields(Self.draft(description: String(repeating: "x", count: 30))).isEmpty)
        #expect(Self.fields(Self.draft(description: String(repeating: "x", count: 5001))) == ["description"])
    }

    @Test func unknownCategoryAndForeignSubcategoryAreNamed() {
        #expect(Self.fields(Self.draft(category: "astrology", subcategory: nil)) == ["category"])
        #expect(Self.fields(Self.draft(category: "music", subcategory: "logo-design")) == ["subcategory"])
        #expect(Self.fields(Self.draft(category: "music", subcategory: nil)).isEmpty)
    }

    @Test func tagErrorsPointAtTheIndexTheClientSent() {
        // given
        let tags = ["ok", "x", "fine", String(repeating: "t", count: 25), "bad<tag>"]
        // when
        let fields = Self.fields(Self.draft(tags: tags))
        // then
        #expect(fields == ["tags[1]", "tags[3]", "tags[4]"])
    }

    @Test func moreThanFiveDistinctTagsIsRefusedButDuplicatesDoNotCount() {
        let six = ["one", "two", "three", "four", "five", "six"]
        #expect(Self.fields(Self.draft(tags: six)) == ["tags"])
        let fiveWithRepeats = ["one", "ONE", " one ", "two", "three", "four", "five"]
        #expect(Self.fields(Self.draft(tags: fiveWithRepeats)).isEmpty)
    }

    @Test func tagsKeepUsefulPunctuation() throws {
        let output = try GigRules.validate(Self.draft(tags: ["C++", "C#", "Node.js"]))
        #expect(output.tags == ["c++", "c#", "node.js"])
    }

    @Test func packageCountLimits() {
        #expect(Self.fields(Self.draft(packages: [])) == ["packages"])
        let four = ["A", "B", "C", "D"].map { Self.package(name: $0) }
        #expect(Self.fields(Self.draft(packages: four)) == ["packages"])
    }

    @Test func everyPackageFieldIsCheckedAndNamed() {
        // given
        let bad = Self.package(
            name: " ", priceCents: 499, deliveryDays: 91, revisions: 11,
            includes: Array(repeating: "x", count: 11))
        // when
        let fields = Self.fields(Self.draft(packages: [Self.package(), bad]))
        // then
        #expect(fields == [
            "packages[1].name", "packages[1].priceCents", "packages[1].deliveryDays",
            "packages[1].revisions", "packages[1].includes",
        ])
    }

    @Test func priceBoundsAreFiveToTenThousandDollars() {
        #expect(Self.fields(Self.draft(packages: [Self.package(priceCents: 500)])).isEmpty)
        #expect(Self.fields(Self.draft(packages: [Self.package(priceCents: 1_000_000)])).isEmpty)
        #expect(Self.fields(Self.draft(packages: [Self.package(priceCents: 1_000_001)])) == ["packages[0].priceCents"])
        #expect(Self.fields(Self.draft(packages: [Self.package(priceCents: -500)])) == ["packages[0].priceCents"])
    }

    @Test func deliveryAndRevisionBounds() {
        #expect(Self.fields(Self.draft(packages: [Self.package(deliveryDays: 0)])) == ["packages[0].deliveryDays"])
        #expect(Self.fields(Self.draft(packages: [Self.package(deliveryDays: 90, revisions: 0)])).isEmpty)
        #expect(Self.fields(Self.draft(packages: [Self.package(revisions: -1)])) == ["packages[0].revisions"])
    }

    @Test func emptyIncludeIsNamedByIndex() {
        let fields = Self.fields(Self.draft(packages: [Self.package(includes: ["Source files", "  "])]))
        #expect(fields == ["packages[0].includes[1]"])
    }

    @Test func packageNamesMustDifferIgnoringCase() {
        let packages = [Self.package(name: "Basic"), Self.package(name: "Premium"), Self.package(name: " basic ")]
        #expect(Self.fields(Self.draft(packages: packages)) == ["packages[2].name"])
    }

    @Test func allErrorsAreCollectedAtOnce() throws {
        // given
        let draft = GigDraft(title: "", description: "", category: "", tags: ["a"], packages: [])
        // when
        let error = try #require(throws: ValidationErrors.self) { try GigRules.validate(draft) }
        // then
        #expect(error.errors.map(\.field) == ["title", "description", "category", "tags[0]", "packages"])
        #expect(error.errors.first?.reason == "is required")
    }

    @Test func decodingTheContractBodyWithoutIncludesOrSubcategory() throws {
        // given
        let json = #"{"title":"I will edit your podcast episode","description":"Noise removal, levelling and chapter markers included.","category":"music","tags":["podcast"],"packages":[{"name":"Basic","priceCents":2500,"deliveryDays":2,"revisions":1}]}"#
        // when
        let draft = try JSONDecoder().decode(GigDraft.self, from: Data(json.utf8))
        // then
        #expect(draft.subcategory == nil)
        #expect(draft.packages[0].includes.isEmpty)
        #expect(throws: Never.self) { try GigRules.validate(draft) }
    }
}

@Suite struct GigPatchTests {
    private static let stored = GigDraft(
        title: "I will design a clear logo for your bakery",
        description: "Three original concepts, a colour palette and files for print and web.",
        category: "design", subcategory: "logo-design", tags: ["logo"],
        packages: [PackageDraft(name: "Basic", priceCents: 5_000, deliveryDays: 3, revisions: 1)])

    @Test func patchValidatesOnlyTheFieldsItNames() throws {
        // given
        let patch = GigPatch(title: "short", packages: [PackageDraft(name: "Basic", priceCents: 1, deliveryDays: 3, revisions: 1)])
        // when
        let error = try #require(throws: ValidationErrors.self) { try GigRules.validate(patch) }
        // then
        #expect(error.errors.map(\.field) == ["title", "packages[0].priceCents"])
        #expect(throws: Never.self) { try GigRules.validate(GigPatch(description: "A longer description of thirty characters or more.")) }
    }

    @Test func patchOntoStoredGigCatchesASubcategoryLeftInTheOldCategory() throws {
        // given
        let patch = GigPatch(category: "writing")
        // when
        let error = try #require(throws: ValidationErrors.self) { try GigRules.validate(patch, onto: Self.stored) }
        // then
        #expect(error.errors.map(\.field) == ["subcategory"])
    }

    @Test func explicitNullClearsTheSubcategory() throws {
        // given
        let json = #"{"category":"writing","subcategory":null}"#
        // when
        let patch = try JSONDecoder().decode(GigPatch.self, from: Data(json.utf8))
        let merged = try GigRules.validate(patch, onto: Self.stored)
        // then
        #expect(patch.subcategory == .some(nil))
        #expect(merged.category == "writing")
        #expect(merged.subcategory == nil)
        #expect(merged.title == Self.stored.title)
    }

    @Test func absentSubcategoryKeepsTheStoredOne() throws {
        let patch = try JSONDecoder().decode(GigPatch.self, from: Data(#"{"title":"I will draw a warm logo for a bakery"}"#.utf8))
        let merged = try GigRules.validate(patch, onto: Self.stored)
        #expect(merged.subcategory == "logo-design")
        #expect(merged.title == "I will draw a warm logo for a bakery")
        #expect(!patch.isEmpty)
    }

    @Test func unknownSubcategoryWithoutCategoryIsRefused() {
        #expect(throws: ValidationErrors([ValidationError(field: "subcategory", reason: "is not a known subcategory")])) {
            try GigRules.validate(GigPatch(subcategory: .some("no-such-thing")))
        }
    }
}

@Suite struct GigStatusTests {
    @Test func legalMovesAreDraftToPublishedAndPauseResume() throws {
        #expect(try GigStatus.draft.moved(to: .published) == .published)
        #expect(try GigStatus.published.moved(to: .paused) == .paused)
        #expect(try GigStatus.paused.moved(to: .published) == .published)
    }

    @Test func illegalMovesAreConflicts() {
        #expect(throws: ConflictError.self) { try GigStatus.published.moved(to: .draft) }
        #expect(throws: ConflictError.self) { try GigStatus.draft.moved(to: .paused) }
        #expect(!GigStatus.paused.canMove(to: .paused))
    }

    @Test func onlyPublishedGigsAreListed() {
        #expect(GigStatus.allCases.filter(\.isListed) == [.published])
    }
}

@Suite struct CategoryTaxonomyTests {
    @Test func tenCategoriesEachWithFourToEightDistinctSubcategories() {
        // given
        let expected = ["design", "writing", "development", "marketing", "video", "music", "business", "data", "tutoring", "local-tasks"]
        // then
        #expect(CategoryTaxonomy.all.map(\.slug) == expected)
        for category in CategoryTaxonomy.all {
            #expect((4...8).contains(category.subcategories.count), "\(category.slug)")
            #expect(Set(category.subcategories.map(\.slug)).count == category.subcategories.count, "\(category.slug)")
            #expect(!category.blurb.isEmpty)
        }
    }

    @Test func lookupBySlug() {
        #expect(CategoryTaxonomy.category(slug: "data")?.name == "Data")
        #expect(CategoryTaxonomy.category(slug: "Data") == nil)
        #expect(CategoryTaxonomy.subcategory(slug: "voice-over", inCategory: "music")?.name == "Voice-over")
        #expect(CategoryTaxonomy.subcategory(slug: "voice-over", inCategory: "design") == nil)
    }

    @Test func subcategorySlugsAreUniqueAcrossTheTree() {
        let slugs = CategoryTaxonomy.all.flatMap { $0.subcategories.map(\.slug) }
        #expect(Set(slugs).count == slugs.count)
    }
}

@Suite struct GigRulesDescriptionTests {
    @Test func plainDescriptionsPrintTheLimitsInDollars() {
        let text = GigRules.descriptions.joined(separator: "\n")
        #expect(text.contains("between $5 and $10,000"))
        #expect(text.contains("10 to 80 characters"))
    }
}

@Suite struct CatalogTextTests {
    @Test func dollarsAndPercentages() {
        #expect(CatalogText.dollars(500) == "$5")
        #expect(CatalogText.dollars(1_000_000) == "$10,000")
        #expect(CatalogText.dollars(2_000_000) == "$20,000")
        #expect(CatalogText.dollars(123_456_789) == "$1,234,567.89")
        #expect(CatalogText.dollars(1_205) == "$12.05")
        #expect(CatalogText.percent(0.92) == "92%")
        #expect(CatalogText.percent(0.025) == "2.5%")
    }
}
