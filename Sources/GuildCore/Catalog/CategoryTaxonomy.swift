// The fixed category tree that gigs are filed under, kept as data so pages, validation and search share it.

/// One subcategory inside a `Category`; `slug` is what the API and URLs carry.
public struct Subcategory: Codable, Equatable, Hashable, Sendable {
    public let slug: String
    public let name: String

    public init(slug: String, name: String) {
        self.slug = slug
        self.name = name
    }
}

/// A top-level category with a one-sentence blurb for the browse page.
public struct Category: Codable, Equatable, Hashable, Sendable {
    public let slug: String
    public let name: String
    public let blurb: String
    public let subcategories: [Subcategory]

    public init(slug: String, name: String, blurb: String, subcategories: [Subcategory]) {
        self.slug = slug
        self.name = name
        self.blurb = blurb
        self.subcategories = subcategories
    }

    public func subcategory(slug: String) -> Subcategory? {
        subcategories.first { $0.slug == slug }
    }
}

/// Every category Guild offers, in display order.
public enum CategoryTaxonomy {
    public static let all: [Category] = [
        Category(
            slug: "design", name: "Design",
            blurb: "Logos, brand identities, illustrations and interfaces made by people who draw for a living.",
            subcategories: [
                Subcategory(slug: "logo-design", name: "Logo design"),
                Subcategory(slug: "brand-identity", name: "Brand identity"),
                Subcategory(slug: "illustration", name: "Illustration"),
                Subcategory(slug: "ui-ux-design", name: "UI and UX design"),
                Subcategory(slug: "print-design", name: "Print and packaging"),
                Subcategory(slug: "presentation-design", name: "Presentation design"),
            ]),
        Category(
            slug: "writing", name: "Writing",
            blurb: "Articles, copy, editing and translation from writers who care about every sentence.",
            subcategories: [
                Subcategory(slug: "articles-blog-posts", name: "Articles and blog posts"),
                Subcategory(slug: "copywriting", name: "Copywriting"),
                Subcategory(slug: "proofreading-editing", name: "Proofreading and editing"),
                Subcategory(slug: "translation", name: "Translation"),
                Subcategory(slug: "technical-writing", name: "Technical writing"),
                Subcategory(slug: "cv-cover-letters", name: "CVs and cover letters"),
                Subcategory(slug: "grant-writing", name: "Grant writing"),
            ]),
        Category(
            slug: "development", name: "Development",
            blurb: "Websites, apps, scripts and fixes, built and maintained by working programmers.",
            subcategories: [
                Subcategory(slug: "websites", name: "Websites"),
                Subcategory(slug: "mobile-apps", name: "Mobile apps"),
                Subcategory(slug: "backend-apis", name: "Back ends and APIs"),
                Subcategory(slug: "bug-fixing", name: "Bug fixing"),
                Subcategory(slug: "automation-scripts", name: "Automation and scripts"),
                Subcategory(slug: "devops-hosting", name: "DevOps and hosting"),
                Subcategory(slug: "code-review", name: "Code review"),
            ]),
        Category(
            slug: "marketing", name: "Marketing",
            blurb: "Help getting found: search, social media, email and campaigns that respect your audience.",
            subcategories: [
                Subcategory(slug: "seo", name: "Search engine optimisation"),
                Subcategory(slug: "social-media", name: "Social media"),
                Subcategory(slug: "email-marketing", name: "Email marketing"),
                Subcategory(slug: "content-strategy", name: "Content strategy"),
                Subcategory(slug: "paid-advertising", name: "Paid advertising"),
                Subcategory(slug: "market-research", name: "Market research"),
            ]),
        Category(
            slug: "video", name: "Video",
            blurb: "Editing, animation and footage for explainers, channels, weddings and ads.",
            subcategories: [
                Subcategory(slug: "video-editing", name: "Video editing"),
                Subcategory(slug: "animation", name: "Animation"),
                Subcategory(slug: "motion-graphics", name: "Motion graphics"),
                Subcategory(slug: "subtitles-captions", name: "Subtitles and captions"),
                Subcategory(slug: "videography", name: "Videography"),
            ]),
        Category(
            slug: "music", name: "Music",
            blurb: "Composition, mixing, voice-over and sound design from musicians and audio engineers.",
            subcategories: [
                Subcategory(slug: "mixing-mastering", name: "Mixing and mastering"),
                Subcategory(slug: "composition", name: "Composition"),
                Subcategory(slug: "voice-over", name: "Voice-over"),
                Subcategory(slug: "session-musicians", name: "Session musicians"),
                Subcategory(slug: "podcast-editing", name: "Podcast editing"),
                Subcategory(slug: "sound-design", name: "Sound design"),
            ]),
        Category(
            slug: "business", name: "Business",
            blurb: "Bookkeeping, planning, virtual assistance and advice for small organisations.",
            subcategories: [
                Subcategory(slug: "bookkeeping", name: "Bookkeeping"),
                Subcategory(slug: "business-plans", name: "Business plans"),
                Subcategory(slug: "virtual-assistance", name: "Virtual assistance"),
                Subcategory(slug: "legal-documents", name: "Legal documents"),
                Subcategory(slug: "hr-recruiting", name: "HR and recruiting"),
                Subcategory(slug: "project-management", name: "Project management"),
            ]),
        Category(
            slug: "data", name: "Data",
            blurb: "Spreadsheets, dashboards, analysis and data cleaning that turn numbers into decisions.",
            subcategories: [
                Subcategory(slug: "data-analysis", name: "Data analysis"),
                Subcategory(slug: "dashboards", name: "Dashboards and reports"),
                Subcategory(slug: "spreadsheets", name: "Spreadsheets"),
                Subcategory(slug: "data-cleaning", name: "Data cleaning and entry"),
                Subcategory(slug: "machine-learning", name: "Machine learning"),
                Subcategory(slug: "databases", name: "Databases"),
            ]),
        Category(
            slug: "tutoring", name: "Tutoring",
            blurb: "One-to-one lessons and mentoring in languages, school subjects, code and craft.",
            subcategories: [
                Subcategory(slug: "languages", name: "Languages"),
                Subcategory(slug: "mathematics", name: "Mathematics"),
                Subcategory(slug: "science", name: "Science"),
                Subcategory(slug: "programming-lessons", name: "Programming lessons"),
                Subcategory(slug: "music-lessons", name: "Music lessons"),
                Subcategory(slug: "exam-preparation", name: "Exam preparation"),
                Subcategory(slug: "career-mentoring", name: "Career mentoring"),
            ]),
        Category(
            slug: "local-tasks", name: "Local tasks",
            blurb: "Hands-on help near you: assembly, repairs, moving, gardening and errands.",
            subcategories: [
                Subcategory(slug: "furniture-assembly", name: "Furniture assembly"),
                Subcategory(slug: "home-repairs", name: "Home repairs"),
                Subcategory(slug: "moving-help", name: "Moving help"),
                Subcategory(slug: "cleaning", name: "Cleaning"),
                Subcategory(slug: "gardening", name: "Gardening"),
                Subcategory(slug: "errands-delivery", name: "Errands and delivery"),
                Subcategory(slug: "pet-care", name: "Pet care"),
            ]),
    ]

    /// Looks a category up by its slug; `nil` when Guild has no such category.
    public static func category(slug: String) -> Category? {
        all.first { $0.slug == slug }
    }

    /// Looks a subcategory up inside one category; `nil` when either slug is unknown.
    public static func subcategory(slug: String, inCategory categorySlug: String) -> Subcategory? {
        category(slug: categorySlug)?.subcategory(slug: slug)
    }
}
