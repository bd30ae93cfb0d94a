// What a practitioner's request list shows: each request, whether it still waits for an answer, and the decline reasons.
import Foundation
import GuildCore

extension IncomingPage {
    struct Model: Encodable {
        struct Row: Encodable { var request: IncomingDTO; var open: Bool; var scheduled: Date?; var statusLabel: String }
        var requests: [Row]
        var reasons: [InterviewPageForm.Option]
        var openToInterviews: Bool
        /// The zone the practitioner's form times are read in.
        var zoneName: String

        init(requests: [InterviewRecord], openToInterviews: Bool, zone: TimeZone) {
            self.requests = requests.map { i in
                let dto = InterviewStore.incomingDTO(i)
                return Row(request: dto, open: i.platform?.isOpen ?? false, scheduled: i.scheduledAt,
                           statusLabel: i.platform.map { $0.rawValue.capitalized } ?? "")
            }
            zoneName = zone.identifier
            reasons = InterviewPageForm.declineReasons
            self.openToInterviews = openToInterviews
        }
    }
}
