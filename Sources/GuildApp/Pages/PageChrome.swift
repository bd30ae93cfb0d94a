// What every page's layout needs: who is signed in, the CSRF token for forms, and a flash message.
import Vapor

struct PageChrome: Encodable {
    struct Member: Encodable { var id: String; var displayName: String; var isAdmin: Bool; var isArbiter: Bool }
    var member: Member?
    var csrf: String
    var flash: String?
    var path: String
    /// The signed-in member's unread notifications, in words for the header ("3 unread"); nil when none.
    var unread: String?

    init(_ req: Request) {
        if let user = req.auth.get(User.self), let id = user.id {
            member = Member(id: id.uuidString, displayName: user.displayName, isAdmin: user.has(.admin), isArbiter: user.has(.arbiter))
        }
        // Only create a session for a token when one is already open or a member is signed in;
        // forms that anonymous visitors submit (sign-up, log-in) ask for one explicitly.
        csrf = (req.hasSession || member != nil) ? CSRF.token(for: req) : ""
        flash = req.hasSession ? req.session.data["flash"] : nil
        if flash != nil { req.session.data["flash"] = nil }
        path = req.url.path
    }

    /// For pages with a form: makes sure a token exists even for a visitor.
    static func withForm(_ req: Request) -> PageChrome {
        _ = CSRF.token(for: req)
        return PageChrome(req)
    }
}

/// A page's context: the layout's chrome, a title and the page's own content.
struct Page<Content: Encodable>: Encodable {
    var title: String
    var page: PageChrome
    var content: Content
}

extension Request {
    func render<C: Encodable>(_ template: String, title: String, _ content: C, form: Bool = false, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await renderPage(template, title: title, content, form: form).encodeResponse(status: status, for: self)
    }

    /// The page in the layout, for this request's viewer.
    func renderPage<C: Encodable>(_ template: String, title: String, _ content: C, form: Bool = false) async throws -> View {
        var chrome = form ? PageChrome.withForm(self) : PageChrome(self)
        if let user = auth.get(User.self), let id = user.id {
            let count = try await Notifications.unreadCount(for: id, on: db)
            chrome.unread = count > 0 ? "\(count) unread" : nil
        }
        return try await self.view.render(template, Page(title: title, page: chrome, content: content))
    }

    func flash(_ message: String) { session.data["flash"] = message }
}

struct Empty: Encodable {}

/// Encodes an empty collection as null. Leaf's `#if` is true for any dictionary or array, even an empty one,
/// so a template's `#if(content.errors):` would otherwise always fire.
@propertyWrapper
struct EmptyAsNull<Value: Encodable & Collection>: Encodable {
    var wrappedValue: Value
    init(wrappedValue: Value) { self.wrappedValue = wrappedValue }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if wrappedValue.isEmpty { try container.encodeNil() } else { try container.encode(wrappedValue) }
    }
}
