// The gig page's cache (`GigPageCache`) learns of changes from the same feed as search, `search_changes`. The page shows two
// values search does not read: a gig's packages (names, prices, delivery, revisions, what each includes) and the seller's
// headline. A change of either now adds a row as well, so that the page cache of every instance drops what it held. (Search
// reads the gig or the seller again, finds nothing of its own changed, and goes on.)
import Fluent
import SQLKit

struct AddGigPageChangesToSearchFeed: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql
        switch database.kind {
        case .sqlite:
            try await sql.raw("""
                CREATE TRIGGER search_changes_gig_packages AFTER UPDATE OF packages ON gigs WHEN OLD.packages IS NOT NEW.packages
                BEGIN INSERT INTO search_changes (gig_id) VALUES (NEW.id); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER search_changes_user_headline AFTER UPDATE OF headline ON users WHEN OLD.headline IS NOT NEW.headline
                BEGIN INSERT INTO search_changes (seller_id) VALUES (NEW.id); END
                """).run()
        case .postgres:
            // `search_change()` (CreateSearchChanges) numbers the change at commit, behind its advisory lock.
            try await sql.raw("""
                CREATE CONSTRAINT TRIGGER search_changes_gig_packages AFTER UPDATE OF packages ON gigs DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW WHEN (OLD.packages IS DISTINCT FROM NEW.packages) EXECUTE FUNCTION search_change()
                """).run()
            try await sql.raw("""
                CREATE CONSTRAINT TRIGGER search_changes_user_headline AFTER UPDATE OF headline ON users DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW WHEN (OLD.headline IS DISTINCT FROM NEW.headline) EXECUTE FUNCTION search_change()
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        switch database.kind {
        case .sqlite:
            try await sql.raw("DROP TRIGGER IF EXISTS search_changes_gig_packages").run()
            try await sql.raw("DROP TRIGGER IF EXISTS search_changes_user_headline").run()
        case .postgres:
            try await sql.raw("DROP TRIGGER IF EXISTS search_changes_gig_packages ON gigs").run()
            try await sql.raw("DROP TRIGGER IF EXISTS search_changes_user_headline ON users").run()
        }
    }
}
