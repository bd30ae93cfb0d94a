import Vapor
import Fluent
import FluentSQLiteDriver
import FluentPostgresDriver
import Leaf
import Prometheus
import Crypto
import GuildCore
public func configure(_ app: Application) async throws {}
