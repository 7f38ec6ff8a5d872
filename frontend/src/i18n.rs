//! The one i18n layer: every string the app shows has a key here with a
//! Vietnamese (default) and an English text. Labels of the domain's enums
//! take their Vietnamese from `tgpl-domain` (`label_vi`), so the UI and the
//! written notices name a case state or a ground the same way.
use tgpl_domain::case::document::DocumentKind;
use tgpl_domain::case::{CaseState, DiscontinuationGround, FieldOfLaw, FormOfAid, RefusalGround};
use tgpl_domain::{PractitionerKind, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// The text of `key`; an unknown key shows itself (and fails the tests).
pub fn lookup(lang: Lang, key: &str) -> &'static str {
    #[cfg(any(feature = "public", feature = "desk", test))]
    let found = STRINGS
        .iter()
        .chain(PUBLIC_STRINGS.iter())
        .find(|(k, _, _)| *k == key);
    #[cfg(not(any(feature = "public", feature = "desk", test)))]
    let found = STRINGS.iter().find(|(k, _, _)| *k == key);
    if let Some((_, vi, en)) = found {
        return match lang {
            Lang::Vi => vi,
            Lang::En => en,
        };
    }
    if let Some((_, en)) = DOMAIN_EN.iter().find(|(k, _)| *k == key) {
        return match lang {
            Lang::Vi => domain_vi(key).unwrap_or(en),
            Lang::En => en,
        };
    }
    // Leaked once per unknown key: only reachable through a bug the tests catch.
    Box::leak(key.to_owned().into_boxed_str())
}

/// Whether `key` has a text (for data-driven keys that may be new).
pub fn has_key(key: &str) -> bool {
    #[cfg(any(feature = "public", feature = "desk", test))]
    if PUBLIC_STRINGS.iter().any(|(k, _, _)| *k == key) {
        return true;
    }
    STRINGS.iter().any(|(k, _, _)| *k == key) || DOMAIN_EN.iter().any(|(k, _)| *k == key)
}

/// The domain's Vietnamese label for `prefix.value` keys of its enums.
pub fn domain_vi(key: &str) -> Option<&'static str> {
    let (prefix, value) = key.split_once('.')?;
    match prefix {
        "state" => CaseState::parse(value).ok().map(CaseState::label_vi),
        "form" => FormOfAid::parse(value).ok().map(FormOfAid::label_vi),
        "law" => FieldOfLaw::parse(value).ok().map(FieldOfLaw::label_vi),
        "refusal" => RefusalGround::parse(value)
            .ok()
            .map(RefusalGround::label_vi),
        "discontinuation" => DiscontinuationGround::parse(value)
            .ok()
            .map(DiscontinuationGround::label_vi),
        "role" => Role::parse(value).ok().map(Role::label_vi),
        "practitioner_kind" => PractitionerKind::parse(value)
            .ok()
            .map(PractitionerKind::label_vi),
        "doc_kind" => DocumentKind::parse(value).map(DocumentKind::label_vi),
        _ => None,
    }
}

/// English labels of the domain's enums (Vietnamese: [`domain_vi`]).
pub static DOMAIN_EN: &[(&str, &str)] = &[
    ("state.received", "Request received"),
    ("state.needs_supplement", "Awaiting papers"),
    ("state.refused", "Refused"),
    ("state.accepted", "Accepted"),
    ("state.assigned", "Assigned"),
    ("state.in_progress", "In progress"),
    ("state.concluded", "Concluded"),
    ("state.discontinued", "Discontinued"),
    ("state.evaluated", "Quality evaluated"),
    ("state.archived", "Archived"),
    ("form.litigation_defence", "Litigation (defence)"),
    (
        "form.litigation_protection",
        "Litigation (protection of rights)",
    ),
    ("form.advice", "Legal advice"),
    (
        "form.out_of_court_representation",
        "Out-of-court representation",
    ),
    ("law.criminal", "Criminal"),
    ("law.civil_family", "Civil, marriage and family"),
    ("law.administrative", "Administrative"),
    ("law.land", "Land"),
    ("law.labour", "Labour"),
    ("law.other", "Other"),
    (
        "refusal.not_eligible_matter",
        "Not an eligible person or matter",
    ),
    ("refusal.unlawful_content", "The request is unlawful"),
    ("refusal.beneficiary_died", "The beneficiary has died"),
    (
        "refusal.handled_by_another_organisation",
        "Already handled by another legal aid organisation",
    ),
    (
        "discontinuation.not_eligible_matter",
        "Not an eligible person or matter",
    ),
    (
        "discontinuation.unlawful_content",
        "The request is unlawful",
    ),
    (
        "discontinuation.beneficiary_died",
        "The beneficiary has died",
    ),
    (
        "discontinuation.handled_by_another_organisation",
        "Already handled by another legal aid organisation",
    ),
    (
        "discontinuation.prohibited_act",
        "Prohibited act by the beneficiary",
    ),
    ("discontinuation.withdrawn", "Request withdrawn"),
    ("role.national_admin", "National administrator"),
    ("role.national_staff", "National staff"),
    ("role.justice_department_staff", "Justice department staff"),
    ("role.centre_director", "Centre director"),
    ("role.centre_deputy", "Deputy director"),
    ("role.branch_head", "Branch head"),
    ("role.centre_clerk", "Centre clerk"),
    ("role.legal_aid_officer", "Legal aid officer"),
    ("role.contracted_lawyer", "Contracted lawyer"),
    (
        "role.participating_org_account",
        "Participating organisation",
    ),
    ("role.integration_service", "Integration service"),
    ("role.hotline_operator", "Hotline operator"),
    ("role.data_protection_officer", "Data-protection officer"),
    ("role.evaluator", "Quality evaluator"),
    ("practitioner_kind.legal_aid_officer", "Legal aid officer"),
    (
        "practitioner_kind.centre_contract_lawyer",
        "Lawyer under contract with the centre",
    ),
    (
        "practitioner_kind.contracted_org_lawyer",
        "Lawyer of a contracted organisation",
    ),
    (
        "practitioner_kind.registered_org_lawyer",
        "Lawyer of a registered organisation",
    ),
    ("practitioner_kind.legal_consultant", "Legal consultant"),
    ("practitioner_kind.collaborator", "Legal aid collaborator"),
    ("doc_kind.notice", "Notice"),
    ("doc_kind.other", "Other"),
];

/// (key, Vietnamese, English).
pub static STRINGS: &[(&str, &str, &str)] = &[
    ("nav.desk", "Hàng chờ", "Queues"),
    (
        "login.public_link",
        "Dịch vụ cho người dân: yêu cầu trợ giúp, tra cứu tiến độ",
        "For citizens: ask for legal aid, check progress",
    ),
    (
        "app.name",
        "Hệ thống quản lý trợ giúp pháp lý",
        "Legal Aid Case System",
    ),
    ("lang.label", "Ngôn ngữ", "Language"),
    // Navigation
    (
        "nav.skip",
        "Bỏ qua, đến nội dung chính",
        "Skip to main content",
    ),
    ("nav.label", "Điều hướng chính", "Main navigation"),
    ("nav.dashboard", "Tổng quan", "Dashboard"),
    ("nav.cases", "Vụ việc", "Cases"),
    ("nav.intake", "Tiếp nhận yêu cầu", "New request"),
    ("nav.organisations", "Tổ chức", "Organisations"),
    ("nav.practitioners", "Người thực hiện TGPL", "Practitioners"),
    ("nav.users", "Tài khoản", "Users"),
    ("nav.audit", "Nhật ký", "Audit trail"),
    ("nav.reports", "Báo cáo thống kê", "Statistical reports"),
    ("cases.export_csv", "Tải CSV", "Download CSV"),
    ("cases.export_xlsx", "Tải Excel", "Download Excel"),
    ("nav.quality", "Đánh giá chất lượng", "Quality evaluation"),
    (
        "nav.leadership",
        "Theo dõi điều hành",
        "Leadership dashboard",
    ),
    ("nav.logout", "Đăng xuất", "Log out"),
    // Notifications (issue #14)
    ("notif.title", "Thông báo", "Notifications"),
    ("notif.bell", "Thông báo", "Notifications"),
    ("notif.unread", "chưa đọc", "unread"),
    ("notif.none", "Không có thông báo nào.", "No notifications."),
    ("notif.open_case", "Mở vụ việc", "Open the case"),
    ("notif.mark_read", "Đánh dấu đã đọc", "Mark as read"),
    (
        "notif.mark_all",
        "Đánh dấu tất cả đã đọc",
        "Mark all as read",
    ),
    (
        "notif.only_unread",
        "Chỉ hiện thông báo chưa đọc",
        "Unread only",
    ),
    (
        "notif.preferences",
        "Cách nhận thông báo",
        "How notices reach me",
    ),
    (
        "notif.mail_off",
        "Máy chủ chưa cấu hình gửi thư điện tử: thông báo chỉ hiện trong ứng dụng.",
        "The server sends no mail (no SMTP relay configured): notices appear in the app only.",
    ),
    (
        "notif.language",
        "Ngôn ngữ của thông báo và thư",
        "Language of notices and mail",
    ),
    (
        "notif.saved",
        "Đã lưu cách nhận thông báo.",
        "Preferences saved.",
    ),
    ("notif.delivery.immediate", "Gửi thư ngay", "Mail at once"),
    (
        "notif.delivery.daily_digest",
        "Thư tổng hợp hằng ngày (7 giờ sáng)",
        "Daily digest (7 am)",
    ),
    (
        "notif.delivery.in_app_only",
        "Chỉ trong ứng dụng",
        "In the app only",
    ),
    (
        "notif.kind.case_assigned",
        "Vụ việc được phân công cho tôi",
        "A case assigned to me",
    ),
    (
        "notif.kind.reassignment_requested",
        "Đề nghị thay đổi người thực hiện chờ trả lời",
        "A reassignment request waiting for an answer",
    ),
    (
        "notif.kind.proof_due",
        "Hạn bổ sung giấy tờ chứng minh",
        "Proof of eligibility due",
    ),
    (
        "notif.kind.hearing_soon",
        "Phiên tòa sắp diễn ra (trước 3 ngày và 1 ngày)",
        "A hearing in 3 days and tomorrow",
    ),
    (
        "notif.kind.report_due",
        "Báo cáo thống kê đến hạn",
        "A report falls due",
    ),
    (
        "notif.kind.report_returned",
        "Báo cáo bị trả lại",
        "A report returned",
    ),
    (
        "notif.kind.online_request_arrived",
        "Yêu cầu trực tuyến mới",
        "A new online request",
    ),
    (
        "notif.kind.complaint_assigned",
        "Khiếu nại được giao cho tôi",
        "A complaint assigned to me",
    ),
    (
        "notif.kind.account_locked",
        "Tài khoản bị khóa (luôn gửi thư)",
        "Account locked (always mailed)",
    ),
    (
        "notif.kind.password_changed",
        "Mật khẩu thay đổi (luôn gửi thư)",
        "Password changed (always mailed)",
    ),
    (
        "notif.kind.new_sign_in",
        "Đăng nhập từ trình duyệt mới (luôn gửi thư)",
        "Sign-in from a new browser (always mailed)",
    ),
    (
        "jobs.title",
        "Tác vụ nền lỗi (chờ chạy lại)",
        "Failed background jobs (dead letters)",
    ),
    ("jobs.none", "Không có tác vụ nào lỗi.", "No failed jobs."),
    ("jobs.kind", "Loại tác vụ", "Kind"),
    ("jobs.attempts", "Số lần thử", "Attempts"),
    ("jobs.error", "Lỗi gần nhất", "Last error"),
    ("jobs.retry", "Chạy lại", "Retry"),
    // Common
    ("common.loading", "Đang tải…", "Loading…"),
    (
        "common.page_not_found",
        "Không tìm thấy trang",
        "Page not found",
    ),
    ("common.yes", "Có", "Yes"),
    ("common.no", "Không", "No"),
    ("common.all", "Tất cả", "All"),
    ("common.none", "Không chọn", "None"),
    ("common.choose", "— Chọn —", "— Choose —"),
    ("common.apply", "Lọc", "Apply"),
    ("common.clear", "Xóa bộ lọc", "Clear filters"),
    ("common.search", "Tìm kiếm", "Search"),
    ("common.show", "Xem", "Show"),
    ("common.save", "Lưu", "Save"),
    ("action.reload", "Tải lại", "Reload"),
    (
        "common.saved_differs",
        "Bản đã lưu khác với bạn nhập ở:",
        "The saved record differs from what you typed in:",
    ),
    ("common.saved", "Đã lưu.", "Saved."),
    ("common.back", "Quay lại", "Back"),
    ("common.cancel", "Hủy", "Cancel"),
    ("common.status", "Trạng thái", "Status"),
    ("common.actions", "Thao tác", "Actions"),
    ("common.phone", "Điện thoại", "Phone"),
    ("common.email", "Thư điện tử", "Email"),
    ("common.version", "phiên bản", "version"),
    ("common.first_page", "« Trang đầu", "« First page"),
    ("common.next_page", "Trang sau »", "Next page »"),
    ("common.date_hint", "dd/mm/yyyy", "dd/mm/yyyy"),
    // Login
    (
        "login.subtitle",
        "Đăng nhập để tiếp tục",
        "Log in to continue",
    ),
    ("login.username", "Tên đăng nhập", "Username"),
    ("login.password", "Mật khẩu", "Password"),
    ("login.submit", "Đăng nhập", "Log in"),
    ("login.code", "Mã xác thực", "Verification code"),
    (
        "login.code_hint",
        "Mã 6 số trong ứng dụng xác thực, hoặc một mã khôi phục.",
        "The 6-digit code in your authenticator app, or a recovery code.",
    ),
    ("login.signing_in", "Đang đăng nhập…", "Logging in…"),
    (
        "login.logged_out",
        "Bạn đã đăng xuất.",
        "You have logged out.",
    ),
    // Errors
    (
        "err.network",
        "Không kết nối được với máy chủ. Kiểm tra mạng rồi thử lại; dữ liệu đã nhập vẫn được giữ.",
        "Cannot reach the server. Check the network and try again; what you typed is kept.",
    ),
    (
        "err.invalid_credentials",
        "Sai tên đăng nhập, mật khẩu hoặc mã xác thực (hoặc tài khoản đang tạm khóa sau nhiều lần sai).",
        "Wrong username, password or code (or the account is locked for a while after repeated failures).",
    ),
    (
        "err.second_factor_required",
        "Mật khẩu đúng. Nhập mã xác thực để hoàn tất đăng nhập.",
        "Password accepted. Enter your verification code to finish logging in.",
    ),
    (
        "err.reauthentication_required",
        "Thao tác này cần xác nhận lại mật khẩu.",
        "This act needs your password again.",
    ),
    (
        "err.second_factor_enrolment",
        "Vai trò của bạn bắt buộc xác thực hai lớp: hãy bật trong Tài khoản của tôi.",
        "Your role must use two-step verification: turn it on under My account.",
    ),
    (
        "err.locked_out",
        "Đăng nhập sai quá nhiều lần: tài khoản tạm khóa 15 phút. Thử lại sau hoặc liên hệ quản trị viên.",
        "Too many failed logins: the account is locked for 15 minutes. Try later or ask an administrator.",
    ),
    (
        "err.account_locked",
        "Tài khoản đã bị quản trị viên khóa. Liên hệ quản trị viên.",
        "This account has been locked by an administrator.",
    ),
    (
        "err.session_expired",
        "Phiên làm việc đã hết hạn hoặc bị thu hồi. Vui lòng đăng nhập lại.",
        "Your session has expired or was revoked. Please log in again.",
    ),
    (
        "err.forbidden",
        "Bạn không có quyền thực hiện thao tác này.",
        "You are not allowed to do this.",
    ),
    (
        "err.not_found",
        "Không tìm thấy hồ sơ, hoặc hồ sơ nằm ngoài phạm vi bạn được xem.",
        "Not found, or outside what you may see.",
    ),
    (
        "err.conflict_of_interest",
        "Xung đột lợi ích: người này đang giúp bên có quyền lợi đối lập trong vụ việc khác (Điều 25 khoản 2). Chọn người khác.",
        "Conflict of interest: this practitioner acts for the opposing side in another case (Art. 25(2)). Choose someone else.",
    ),
    (
        "err.transition_not_allowed",
        "Trạng thái vụ việc đã thay đổi, thao tác này không còn hợp lệ. Tải lại vụ việc.",
        "The case has moved on; this act is no longer allowed. Reload the case.",
    ),
    (
        "err.conflict",
        "Thao tác xung đột với dữ liệu hiện có.",
        "This conflicts with the current data.",
    ),
    (
        "err.stale",
        "Người khác vừa sửa hồ sơ này. Tải lại để xem bản mới; dữ liệu bạn nhập vẫn được giữ.",
        "Someone else edited this record. Reload to see their version; what you typed is kept.",
    ),
    ("err.too_large", "Tệp quá lớn.", "The file is too large."),
    (
        "err.unsupported_type",
        "Loại tệp không được chấp nhận (PDF, ảnh, văn bản Word/ODT).",
        "This file type is not accepted (PDF, images, Word/ODT documents).",
    ),
    (
        "err.validation",
        "Vui lòng sửa các trường được đánh dấu.",
        "Please correct the marked fields.",
    ),
    (
        "err.precondition_required",
        "Thiếu phiên bản hồ sơ; tải lại rồi thử lại.",
        "The record version is missing; reload and try again.",
    ),
    (
        "err.bad_request",
        "Yêu cầu không hợp lệ.",
        "The request is not valid.",
    ),
    (
        "err.server",
        "Lỗi máy chủ. Vui lòng thử lại sau.",
        "Server error. Please try again later.",
    ),
    // Field errors
    ("field.required", "Bắt buộc nhập.", "Required."),
    ("field.length", "Độ dài không hợp lệ.", "Wrong length."),
    (
        "field.range",
        "Giá trị ngoài khoảng cho phép.",
        "Value out of range.",
    ),
    (
        "field.email",
        "Địa chỉ thư điện tử không hợp lệ.",
        "Not a valid email address.",
    ),
    (
        "field.out_of_range",
        "Ngày phải trong khoảng từ ngày yêu cầu đến hôm nay.",
        "The date must be between the request date and today.",
    ),
    (
        "field.date_format",
        "Ngày phải theo dạng dd/mm/yyyy.",
        "Dates are written dd/mm/yyyy.",
    ),
    (
        "field.eligibility_unknown",
        "Diện đối tượng không tồn tại.",
        "Unknown eligibility category.",
    ),
    (
        "field.eligibility_not_in_force",
        "Diện đối tượng không có hiệu lực vào ngày yêu cầu.",
        "The category is not in force on the request date.",
    ),
    (
        "field.eligibility_hardship",
        "Diện này cần chứng minh khó khăn về tài chính.",
        "This category needs proven financial hardship.",
    ),
    (
        "field.password_weak",
        "Mật khẩu cần ít nhất 12 ký tự; một câu ngắn dễ nhớ mà khó đoán.",
        "Use at least 12 characters; a short sentence is easy to remember and hard to guess.",
    ),
    (
        "field.password_common",
        "Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn các từ của riêng bạn.",
        "This password is too common and easy to guess; choose words of your own.",
    ),
    (
        "field.username_taken",
        "Tên đăng nhập đã tồn tại.",
        "This username is taken.",
    ),
    (
        "field.card_taken",
        "Số thẻ đã được dùng.",
        "This card number is already used.",
    ),
    // Dashboard
    ("chart.no_data", "Chưa có dữ liệu.", "No data yet."),
    ("dash.title", "Tổng quan", "Dashboard"),
    ("dash.welcome", "Vai trò: {}", "Role: {}"),
    ("dash.total", "vụ việc", "cases"),
    ("dash.overdue", "quá hạn", "overdue"),
    ("dash.urgent", "khẩn cấp", "urgent"),
    (
        "dash.successful",
        "thành công (QĐ 1179)",
        "successful (Decision 1179)",
    ),
    (
        "dash.hearings_count",
        "phiên tòa sắp tới",
        "upcoming hearings",
    ),
    (
        "dash.by_status",
        "Vụ việc theo trạng thái",
        "Cases by status",
    ),
    (
        "dash.by_form",
        "Vụ việc theo hình thức trợ giúp",
        "Cases by form of aid",
    ),
    (
        "dash.completeness",
        "Mức đầy đủ hồ sơ theo đơn vị (%)",
        "File completeness per unit (%)",
    ),
    (
        "dash.quota",
        "Chỉ tiêu vụ việc năm nay",
        "This year's case quota",
    ),
    ("dash.quota_label", "Vụ việc đã thụ lý", "Cases accepted"),
    (
        "dash.upcoming_hearings",
        "Phiên tòa sắp tới",
        "Upcoming hearings",
    ),
    (
        "dash.no_hearings",
        "Không có phiên tòa nào sắp tới.",
        "No upcoming hearings.",
    ),
    // Case list
    ("cases.title", "Danh sách vụ việc", "Cases"),
    ("cases.filters", "Bộ lọc vụ việc", "Case filters"),
    ("cases.results", "Kết quả", "Results"),
    (
        "cases.search",
        "Tìm theo mã hoặc tên",
        "Search by code or name",
    ),
    (
        "cases.search_hint",
        "vd. nguyen van nam",
        "e.g. nguyen van nam",
    ),
    ("cases.requested_from", "Yêu cầu từ ngày", "Requested from"),
    ("cases.requested_to", "Đến ngày", "Requested to"),
    ("cases.overdue", "Quá hạn", "Overdue"),
    ("cases.urgent", "Khẩn cấp", "Urgent"),
    ("cases.overdue_badge", "Quá hạn", "Overdue"),
    ("cases.urgent_badge", "Khẩn cấp", "Urgent"),
    (
        "cases.shown",
        "vụ việc trên trang này",
        "cases on this page",
    ),
    (
        "cases.none",
        "Không có vụ việc nào khớp bộ lọc.",
        "No case matches the filters.",
    ),
    // Case
    ("case.title", "Vụ việc", "Case"),
    ("case.code", "Mã vụ việc", "Case code"),
    ("case.no_code", "(chưa thụ lý)", "(not yet accepted)"),
    ("case.beneficiary", "Người được TGPL", "Beneficiary"),
    ("case.status", "Trạng thái", "Status"),
    ("case.form_of_aid", "Hình thức trợ giúp", "Form of aid"),
    ("case.field_of_law", "Lĩnh vực", "Field of law"),
    ("case.channel", "Hình thức tiếp nhận", "Channel"),
    ("case.organisation", "Tổ chức", "Organisation"),
    ("case.practitioner", "Người thực hiện", "Practitioner"),
    ("case.request_date", "Ngày yêu cầu", "Request date"),
    ("case.accepted_on", "Ngày thụ lý", "Accepted on"),
    ("case.closed_on", "Ngày kết thúc", "Closed on"),
    ("case.outcome", "Kết quả", "Outcome"),
    ("case.eligibility", "Diện người được TGPL", "Eligibility"),
    ("case.missing_proof", "Giấy tờ còn thiếu", "Missing proof"),
    ("case.proof_due_on", "Hạn bổ sung giấy tờ", "Proof due on"),
    ("case.completeness", "Mức đầy đủ", "Completeness"),
    ("case.summary", "Thông tin vụ việc", "Case details"),
    ("case.parties", "Người liên quan", "Parties"),
    ("case.actions", "Thao tác", "Actions"),
    (
        "case.no_actions",
        "Không có thao tác nào bạn có thể thực hiện ở trạng thái này.",
        "Nothing you can do on this case in its current state.",
    ),
    ("case.timeline", "Diễn biến", "Timeline"),
    (
        "case.timeline_empty",
        "Chưa có diễn biến.",
        "Nothing recorded yet.",
    ),
    (
        "case.back_to_list",
        "Về danh sách vụ việc",
        "Back to the case list",
    ),
    ("timeline.hearing", "Phiên tòa", "Hearing"),
    (
        "timeline.assigned",
        "Phân công người thực hiện",
        "Practitioner assigned",
    ),
    ("timeline.notice", "Thông báo", "Notice"),
    // Items a case file lacks (tgpl_domain::case::completeness)
    ("missing.beneficiary", "người được TGPL", "beneficiary"),
    (
        "missing.beneficiary_address",
        "địa chỉ người được TGPL",
        "beneficiary's address",
    ),
    (
        "missing.beneficiary_contact",
        "liên lạc của người được TGPL",
        "beneficiary's contact",
    ),
    (
        "missing.beneficiary_date_of_birth",
        "ngày sinh người được TGPL",
        "beneficiary's date of birth",
    ),
    (
        "missing.beneficiary_sex",
        "giới tính người được TGPL",
        "beneficiary's sex",
    ),
    ("missing.code", "mã vụ việc", "case code"),
    (
        "missing.discontinuation_ground",
        "lý do không tiếp tục",
        "discontinuation ground",
    ),
    ("missing.eligibility", "diện người được TGPL", "eligibility"),
    ("missing.outcome", "kết quả", "outcome"),
    ("missing.practitioner", "người thực hiện", "practitioner"),
    (
        "missing.proof_documents",
        "giấy tờ chứng minh",
        "proof documents",
    ),
    ("missing.refusal_ground", "lý do từ chối", "refusal ground"),
    ("missing.summary", "tóm tắt vụ việc", "summary"),
    // Parties
    ("party.legend", "Người", "Person"),
    ("party.role", "Tư cách", "Role"),
    ("party.full_name", "Họ và tên", "Full name"),
    ("party.date_of_birth", "Ngày sinh", "Date of birth"),
    (
        "party.procedural_role",
        "Tư cách tố tụng (nếu có)",
        "Procedural role (if any)",
    ),
    ("party.procedural_role_none", "Không có", "None"),
    (
        "procedural_role.reported",
        "Người bị tố giác, báo tin về tội phạm",
        "Reported for a crime",
    ),
    (
        "procedural_role.held_in_emergency",
        "Người bị giữ trong trường hợp khẩn cấp",
        "Held in an emergency",
    ),
    ("procedural_role.accused", "Người bị buộc tội", "Accused"),
    ("procedural_role.victim", "Bị hại", "Victim"),
    ("procedural_role.witness", "Người làm chứng", "Witness"),
    (
        "procedural_role.under_diversion",
        "Người được áp dụng biện pháp xử lý chuyển hướng",
        "Under a diversion measure",
    ),
    (
        "procedural_role.prisoner",
        "Người chấp hành án phạt tù",
        "Serving a prison sentence",
    ),
    ("party.address", "Địa chỉ", "Address"),
    ("party.id_number", "Số CCCD", "Citizen ID number"),
    ("party.add", "Thêm người liên quan", "Add a person"),
    ("party.remove", "Bỏ người này", "Remove this person"),
    ("party_role.requester", "Người yêu cầu", "Requester"),
    (
        "party_role.beneficiary",
        "Người được trợ giúp pháp lý",
        "Beneficiary",
    ),
    (
        "party_role.opposing_party",
        "Bên có quyền lợi đối lập",
        "Opposing party",
    ),
    ("party_role.co_accused", "Đồng phạm", "Co-accused"),
    ("party_role.victim", "Bị hại", "Victim"),
    // Acts
    (
        "cmd.request_supplement",
        "Yêu cầu bổ sung giấy tờ",
        "Request missing papers",
    ),
    (
        "cmd.supplement_received",
        "Đã nhận giấy tờ bổ sung",
        "Papers received",
    ),
    ("cmd.refuse", "Từ chối thụ lý", "Refuse"),
    (
        "cmd.accept",
        "Thụ lý (vào sổ)",
        "Accept (enter in register)",
    ),
    (
        "cmd.assign",
        "Phân công người thực hiện",
        "Assign a practitioner",
    ),
    ("cmd.reassign", "Thay đổi người thực hiện", "Reassign"),
    (
        "cmd.record_activity",
        "Ghi nhận công việc",
        "Record activity",
    ),
    ("cmd.conclude", "Kết thúc vụ việc", "Conclude"),
    ("cmd.discontinue", "Không tiếp tục thực hiện", "Discontinue"),
    ("cmd.evaluate", "Đánh giá chất lượng", "Evaluate quality"),
    ("cmd.archive", "Lưu trữ", "Archive"),
    (
        "act.reassignment_request",
        "Yêu cầu thay đổi người thực hiện (mẫu 04)",
        "Request for another practitioner (form 04)",
    ),
    (
        "act.reassignment_request_done",
        "Đã ghi nhận yêu cầu; hạn trả lời 3 ngày làm việc.",
        "Request recorded; it must be answered within 3 working days.",
    ),
    ("act.requested_on", "Ngày yêu cầu", "Requested on"),
    ("act.reassignment_reason", "Lý do", "Reason"),
    (
        "case.reassignment_requested",
        "Yêu cầu đổi người thực hiện",
        "Reassignment requested",
    ),
    ("case.answer_by", "trả lời trước", "answer by"),
    ("act.add_hearing", "Thêm phiên tòa", "Add a hearing"),
    ("act.submit", "Xác nhận", "Confirm"),
    (
        "act.confirm",
        "Xác nhận thực hiện thao tác này?",
        "Confirm this act?",
    ),
    ("act.done", "đã thực hiện", "done"),
    ("act.hearing_done", "Đã thêm phiên tòa.", "Hearing added."),
    (
        "act.refusal_ground",
        "Lý do từ chối (Điều 30 khoản 3)",
        "Refusal ground (Art. 30(3))",
    ),
    (
        "act.discontinuation_ground",
        "Lý do (Điều 37)",
        "Ground (Art. 37)",
    ),
    ("act.reason", "Ghi chú", "Note"),
    ("act.practitioner", "Người thực hiện TGPL", "Practitioner"),
    (
        "act.missing",
        "Giấy tờ cần bổ sung (mỗi dòng một loại)",
        "Missing papers (one per line)",
    ),
    (
        "act.outcome",
        "Kết quả cho người được TGPL",
        "Outcome for the beneficiary",
    ),
    (
        "act.success_criterion",
        "Vụ việc thành công theo tiêu chí (Quyết định 1179)",
        "Successful by criterion (Decision 1179)",
    ),
    ("act.success_none", "— Không đánh giá —", "— Not assessed —"),
    (
        "act.success_evidence",
        "Văn bản chứng minh (số, ngày, cơ quan ban hành)",
        "Decision that shows it (number, date, issuing body)",
    ),
    ("act.activity_kind", "Loại công việc", "Kind of activity"),
    ("act.occurred_on", "Ngày thực hiện", "Date"),
    ("act.description", "Nội dung", "Description"),
    ("activity.meeting", "Gặp người được TGPL", "Meeting"),
    ("activity.advice_given", "Tư vấn", "Advice given"),
    ("activity.document_filed", "Nộp văn bản", "Document filed"),
    (
        "activity.procedural_step",
        "Hoạt động tố tụng",
        "Procedural step",
    ),
    ("activity.other", "Khác", "Other"),
    // Hearings
    ("hearing.court", "Tòa án", "Court"),
    ("hearing.date", "Ngày xét xử", "Hearing date"),
    ("hearing.time", "Giờ", "Time"),
    ("hearing.time_hint", "hh:mm", "hh:mm"),
    ("hearing.mode", "Hình thức", "Mode"),
    ("hearing.location", "Địa điểm", "Location"),
    ("hearing_mode.in_person", "Trực tiếp", "In person"),
    ("hearing_mode.online", "Trực tuyến", "Online"),
    // Channels
    ("channel.in_person", "Trực tiếp", "In person"),
    ("channel.post", "Bưu chính", "Post"),
    ("channel.fax", "Fax", "Fax"),
    ("channel.electronic", "Điện tử", "Electronic"),
    ("channel.hotline", "Đường dây nóng", "Hotline"),
    (
        "channel.referral",
        "Chuyển đến (công an, viện kiểm sát, tòa án)",
        "Referral (police, prosecution, court)",
    ),
    // Intake
    (
        "intake.title",
        "Tiếp nhận yêu cầu trợ giúp pháp lý",
        "New legal aid request",
    ),
    (
        "intake.request",
        "Yêu cầu (mẫu 02-TP-TGPL)",
        "Request (form 02-TP-TGPL)",
    ),
    ("intake.summary", "Tóm tắt vụ việc", "Summary of the matter"),
    (
        "intake.referral_date",
        "Ngày nhận văn bản chuyển yêu cầu",
        "Referral notice received on",
    ),
    ("intake.referral_time", "Giờ nhận", "At (time)"),
    ("intake.urgency", "Tính khẩn cấp", "Urgency"),
    (
        "intake.limitation",
        "Thời hiệu kết thúc ngày",
        "Limitation period ends",
    ),
    ("intake.trial_date", "Ngày xét xử", "Trial date"),
    (
        "intake.court_appointed",
        "Bào chữa chỉ định",
        "Court-appointed defence",
    ),
    (
        "intake.proof_present",
        "Có giấy tờ chứng minh",
        "Proof documents present",
    ),
    (
        "intake.hardship_proven",
        "Chứng minh khó khăn về tài chính",
        "Financial hardship proven",
    ),
    (
        "intake.no_claim",
        "Chọn diện người được trợ giúp pháp lý để kiểm tra điều kiện.",
        "Tick an eligibility category to check eligibility.",
    ),
    ("intake.submit", "Ghi nhận yêu cầu", "Record the request"),
    (
        "verdict.eligible",
        "Đủ điều kiện trợ giúp pháp lý",
        "Eligible for legal aid",
    ),
    (
        "verdict.eligible_pending_proof",
        "Đủ điều kiện, chờ bổ sung giấy tờ",
        "Eligible, proof documents pending",
    ),
    ("verdict.not_eligible", "Chưa đủ điều kiện", "Not eligible"),
    ("claim.satisfied", "đạt", "satisfied"),
    (
        "claim.proof_missing",
        "thiếu giấy tờ chứng minh",
        "proof missing",
    ),
    (
        "claim.unknown_category",
        "diện không tồn tại",
        "unknown category",
    ),
    (
        "claim.not_in_force",
        "không có hiệu lực vào ngày yêu cầu",
        "not in force on the request date",
    ),
    (
        "claim.hardship_not_proven",
        "chưa chứng minh khó khăn tài chính",
        "financial hardship not proven",
    ),
    (
        "claim.procedural_role_not_covered",
        "tư cách tố tụng của người được trợ giúp không thuộc diện này",
        "the beneficiary's procedural role is not covered",
    ),
    (
        "claim.age_not_covered",
        "độ tuổi vào ngày yêu cầu không thuộc diện này",
        "the age on the request date is not covered",
    ),
    (
        "claim.date_of_birth_missing",
        "cần ghi ngày sinh của người được trợ giúp",
        "record the beneficiary's date of birth",
    ),
    // Documents
    ("doc.title", "Tài liệu hồ sơ", "Documents"),
    ("doc.none", "Chưa có tài liệu.", "No documents yet."),
    ("doc.filename", "Tên tệp", "File name"),
    ("doc.kind", "Loại tài liệu", "Kind"),
    ("doc.step", "Giai đoạn", "Step"),
    ("doc.size", "Dung lượng", "Size"),
    ("doc.uploaded_at", "Tải lên lúc", "Uploaded at"),
    ("doc.file", "Tệp", "File"),
    ("doc.upload", "Tải lên", "Upload"),
    ("doc.uploaded", "Đã tải lên", "Uploaded"),
    ("doc.progress", "Tiến độ tải lên", "Upload progress"),
    ("doc.download", "Tải xuống", "Download"),
    ("doc.remove", "Gỡ", "Remove"),
    ("doc.remove_confirm", "Gỡ tài liệu", "Remove document"),
    (
        "doc.remove_reason",
        "lý do gỡ (ghi vào nhật ký)",
        "why (kept in the audit trail)",
    ),
    (
        "doc_kind.request_papers",
        "Đơn và giấy tờ yêu cầu",
        "Request papers",
    ),
    (
        "doc_kind.eligibility_proof",
        "Giấy tờ chứng minh diện",
        "Eligibility proof",
    ),
    (
        "doc_kind.assignment_decision",
        "Quyết định phân công",
        "Assignment decision",
    ),
    (
        "doc_kind.reassignment_decision",
        "Quyết định thay đổi người thực hiện",
        "Reassignment decision",
    ),
    (
        "doc_kind.submission",
        "Bản bào chữa / bảo vệ",
        "Defence or protection submission",
    ),
    (
        "doc_kind.procedural_document",
        "Văn bản tố tụng",
        "Procedural document",
    ),
    (
        "doc_kind.feedback_form",
        "Phiếu lấy ý kiến",
        "Feedback form",
    ),
    ("step.request", "Yêu cầu", "Request"),
    ("step.acceptance", "Thụ lý", "Acceptance"),
    ("step.assignment", "Phân công", "Assignment"),
    ("step.proceedings", "Thực hiện", "Proceedings"),
    ("step.conclusion", "Kết thúc", "Conclusion"),
    ("step.evaluation", "Đánh giá", "Evaluation"),
    // Organisations and practitioners
    ("org.title", "Danh bạ tổ chức", "Organisations"),
    ("org.name", "Tên tổ chức", "Name"),
    ("org.abbreviation", "Viết tắt", "Abbreviation"),
    ("org.kind", "Loại", "Kind"),
    ("org.province", "Tỉnh, thành phố", "Province"),
    ("org.address", "Địa chỉ", "Address"),
    (
        "org.registration_number",
        "Số hợp đồng / đăng ký",
        "Contract or registration number",
    ),
    (
        "org_kind.ministry_department",
        "Cục (Bộ Tư pháp)",
        "Ministry department",
    ),
    (
        "org_kind.justice_department",
        "Sở Tư pháp",
        "Justice department",
    ),
    (
        "org_kind.centre",
        "Trung tâm TGPL nhà nước",
        "State legal aid centre",
    ),
    ("org_kind.branch", "Chi nhánh", "Branch"),
    (
        "org_kind.contracted_org",
        "Tổ chức ký hợp đồng",
        "Contracted organisation",
    ),
    (
        "org_kind.registered_org",
        "Tổ chức đăng ký tham gia",
        "Registered organisation",
    ),
    ("org_status.active", "Đang hoạt động", "Active"),
    ("org_status.inactive", "Ngừng hoạt động", "Inactive"),
    ("org_status.merged", "Đã hợp nhất", "Merged"),
    (
        "practitioner.title",
        "Người thực hiện trợ giúp pháp lý",
        "Practitioners",
    ),
    ("practitioner.full_name", "Họ và tên", "Full name"),
    ("practitioner.kind", "Loại", "Kind"),
    (
        "practitioner.card_number",
        "Số thẻ / chứng chỉ",
        "Card number",
    ),
    ("practitioner.quota", "Chỉ tiêu năm", "Annual quota"),
    (
        "practitioner.contract_start",
        "Hợp đồng từ",
        "Contract from",
    ),
    ("practitioner.contract_end", "Hợp đồng đến", "Contract to"),
    ("practitioner_status.active", "Đang hoạt động", "Active"),
    ("practitioner_status.suspended", "Tạm đình chỉ", "Suspended"),
    ("practitioner_status.left", "Đã thôi", "Left"),
    // Users
    ("users.title", "Quản lý tài khoản", "User accounts"),
    ("users.username", "Tên đăng nhập", "Username"),
    ("users.full_name", "Họ và tên", "Full name"),
    ("users.role", "Vai trò", "Role"),
    (
        "users.password",
        "Mật khẩu ban đầu (để trống: tạo tạm thời)",
        "Initial password (empty: generate a temporary one)",
    ),
    ("users.last_login", "Đăng nhập gần nhất", "Last login"),
    ("users.locked", "Đã khóa", "Locked"),
    (
        "users.lock",
        "Khóa và thu hồi phiên",
        "Lock and revoke sessions",
    ),
    ("users.unlock", "Mở khóa", "Unlock"),
    ("users.reset", "Đặt lại mật khẩu", "Reset password"),
    (
        "users.lock_reason",
        "Lý do khóa tài khoản:",
        "Why lock this account?",
    ),
    (
        "users.locked_msg",
        "Đã khóa tài khoản và thu hồi {} phiên.",
        "Account locked; {} sessions revoked.",
    ),
    (
        "users.unlocked_msg",
        "Đã mở khóa tài khoản.",
        "Account unlocked.",
    ),
    (
        "users.reset_msg",
        "Mật khẩu tạm thời:",
        "Temporary password:",
    ),
    ("users.create", "Tạo tài khoản", "Create an account"),
    ("users.created", "Đã tạo tài khoản", "Account created"),
    (
        "users.temp_password",
        "— mật khẩu tạm thời:",
        "— temporary password:",
    ),
    ("user_status.active", "Đang hoạt động", "Active"),
    ("user_status.deactivated", "Đã vô hiệu hóa", "Deactivated"),
    // Account
    ("account.title", "Tài khoản của tôi", "My account"),
    (
        "account.must_change",
        "Bạn đang dùng mật khẩu tạm thời. Hãy đổi mật khẩu.",
        "You are using a temporary password. Please change it.",
    ),
    ("account.change_now", "Đổi mật khẩu", "Change password"),
    (
        "account.current_password",
        "Mật khẩu hiện tại",
        "Current password",
    ),
    ("account.new_password", "Mật khẩu mới", "New password"),
    (
        "account.password_rules",
        "Từ 12 ký tự; một câu ngắn dễ nhớ và khó đoán.",
        "At least 12 characters; a short sentence is easy to remember and hard to guess.",
    ),
    (
        "account.password_ok",
        "Mật khẩu đủ mạnh.",
        "The password is strong enough.",
    ),
    ("account.changed", "Đã đổi mật khẩu.", "Password changed."),
    ("mfa.title", "Xác thực hai lớp", "Two-step verification"),
    (
        "mfa.on",
        "Đang bật: mỗi lần đăng nhập cần mã từ ứng dụng xác thực trên điện thoại.",
        "On: every login needs a code from the authenticator app on your phone.",
    ),
    (
        "mfa.off",
        "Chưa bật. Bật để tài khoản an toàn hơn khi mật khẩu bị lộ.",
        "Off. Turn it on to keep the account safe if the password leaks.",
    ),
    (
        "mfa.required_by",
        "Vai trò của bạn bắt buộc xác thực hai lớp. Hạn bật:",
        "Your role must use two-step verification. Turn it on by:",
    ),
    (
        "mfa.must_enrol",
        "Đã hết hạn: hãy bật xác thực hai lớp để tiếp tục làm việc.",
        "The deadline has passed: turn on two-step verification to continue working.",
    ),
    (
        "mfa.start",
        "Bật xác thực hai lớp",
        "Turn on two-step verification",
    ),
    (
        "mfa.scan",
        "Quét mã QR bằng ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…) hoặc nhập khóa bí mật, rồi nhập mã 6 số ứng dụng hiển thị.",
        "Scan the QR code with an authenticator app (Google Authenticator, Microsoft Authenticator…) or type the secret key, then enter the 6-digit code it shows.",
    ),
    ("mfa.secret", "Khóa bí mật", "Secret key"),
    ("mfa.confirm", "Xác nhận", "Confirm"),
    (
        "mfa.recovery_title",
        "Mã khôi phục: lưu lại ngay, chỉ hiện một lần",
        "Recovery codes: save them now, they are shown only once",
    ),
    (
        "mfa.recovery_help",
        "Mỗi mã dùng được một lần để đăng nhập khi mất điện thoại.",
        "Each code opens one login when the phone is lost.",
    ),
    (
        "mfa.codes_left",
        "Số mã khôi phục còn lại:",
        "Recovery codes left:",
    ),
    ("mfa.renew", "Tạo mã khôi phục mới", "New recovery codes"),
    (
        "mfa.remove",
        "Tắt xác thực hai lớp",
        "Turn off two-step verification",
    ),
    (
        "mfa.removed",
        "Đã tắt xác thực hai lớp.",
        "Two-step verification is off.",
    ),
    (
        "mfa.enabled",
        "Đã bật xác thực hai lớp.",
        "Two-step verification is on.",
    ),
    (
        "mfa.reset",
        "Gỡ xác thực hai lớp",
        "Reset two-step verification",
    ),
    (
        "mfa.reset_done",
        "Đã gỡ xác thực hai lớp; người dùng sẽ đăng ký lại ở lần đăng nhập tới.",
        "Two-step verification removed; the user enrols again at the next login.",
    ),
    (
        "reauth.title",
        "Xác nhận lại mật khẩu",
        "Confirm your password",
    ),
    (
        "reauth.why",
        "Thao tác này cần xác nhận mật khẩu trong vòng 10 phút gần nhất.",
        "This act needs your password confirmed within the last 10 minutes.",
    ),
    ("reauth.confirm", "Xác nhận", "Confirm"),
    // Audit
    ("audit.title", "Nhật ký thay đổi", "Audit trail"),
    ("audit.entity", "Loại hồ sơ", "Record type"),
    ("audit.entity_id", "Mã định danh (UUID)", "Record id (UUID)"),
    (
        "audit.pick",
        "Chọn loại hồ sơ và nhập mã định danh.",
        "Choose a record type and enter its id.",
    ),
    ("audit.none", "Không có sự kiện nào.", "No events."),
    ("audit.before", "Trước", "Before"),
    ("audit.after", "Sau", "After"),
    ("entity.case", "Vụ việc", "Case"),
    ("entity.organisation", "Tổ chức", "Organisation"),
    ("entity.practitioner", "Người thực hiện", "Practitioner"),
    ("entity.user", "Tài khoản", "User"),
];

#[cfg(test)]
mod tests;

/// The texts of the public pages and of the desk (issue #12): compiled
/// only into those modules (and the tests), so the staff app does not
/// carry them.
#[cfg(any(feature = "public", feature = "desk", test))]
pub static PUBLIC_STRINGS: &[(&str, &str, &str)] = &[
    // Statistical reports (issue #11)
    (
        "reports.lead",
        "Chọn biểu mẫu, kỳ báo cáo và năm. Bấm vào một số liệu để xem các vụ việc tạo nên nó.",
        "Pick the form, period and year. Click a figure to see the cases behind it.",
    ),
    ("reports.form", "Biểu mẫu", "Form"),
    (
        "reports.form.24",
        "Biểu 24: Số lượt người được trợ giúp pháp lý",
        "Form 24: persons aided",
    ),
    (
        "reports.form.25",
        "Biểu 25: Số vụ việc trợ giúp pháp lý",
        "Form 25: legal aid cases",
    ),
    ("reports.period", "Kỳ báo cáo", "Period"),
    ("reports.period.six_month", "6 tháng", "Six months"),
    (
        "reports.period.annual_preliminary",
        "Năm (sơ bộ)",
        "Annual (preliminary)",
    ),
    (
        "reports.period.annual_official",
        "Năm (chính thức)",
        "Annual (official)",
    ),
    ("reports.period.custom", "Tùy chọn", "Custom"),
    ("reports.year", "Năm", "Year"),
    ("reports.province", "Tỉnh, thành phố", "Province"),
    ("reports.nation", "Toàn quốc", "Whole country"),
    ("reports.organisation", "Tổ chức", "Organisation"),
    (
        "reports.all_units",
        "— Đơn vị của tôi / tất cả —",
        "— My unit / all —",
    ),
    ("reports.show", "Xem", "Show"),
    ("reports.unit", "Đơn vị", "Unit"),
    (
        "reports.estimate_note",
        "Số liệu dạng \"a + b\": a là số thực tế đến ngày chốt, b là số ước tính cho thời gian còn lại.",
        "Figures \"a + b\": a is actual to the cut-off, b the estimate for the rest.",
    ),
    ("reports.col.number", "STT", "No."),
    ("reports.col.content", "Nội dung", "Item"),
    (
        "reports.open_cell",
        "Xem các vụ việc của số liệu này",
        "See the cases behind this figure",
    ),
    (
        "reports.cell_cases",
        "Các vụ việc của số liệu",
        "The cases behind the figure",
    ),
    ("reports.cell_empty", "Không có vụ việc nào.", "No cases."),
    ("reports.no_code", "(chưa có mã)", "(no code yet)"),
    (
        "reports.export_xlsx",
        "Tải Excel (XLSX)",
        "Download Excel (XLSX)",
    ),
    ("reports.export_csv", "Tải CSV", "Download CSV"),
    ("reports.submit", "Gửi báo cáo", "Submit the report"),
    (
        "reports.submitted",
        "Đã gửi báo cáo. Bản đã gửi được lưu cố định.",
        "Report submitted. The submitted copy is frozen.",
    ),
    ("reports.submissions", "Báo cáo đã gửi", "Submitted reports"),
    ("reports.status", "Trạng thái", "Status"),
    ("reports.revision", "lần", "revision"),
    ("reports.due", "Hạn gửi", "Due"),
    ("reports.late", "Gửi muộn", "Late"),
    ("reports.actions", "Thao tác", "Actions"),
    ("reports.reason", "Lý do", "Reason"),
    ("reports.return", "Trả lại", "Return"),
    ("reports.accept", "Chấp nhận", "Accept"),
    ("reports.reopen", "Mở lại", "Reopen"),
    (
        "reports.done.return",
        "Đã trả lại báo cáo kèm lý do.",
        "The report was returned with the reason.",
    ),
    (
        "reports.done.accept",
        "Đã chấp nhận báo cáo.",
        "The report was accepted.",
    ),
    (
        "reports.done.reopen",
        "Đã mở lại báo cáo; bản cũ vẫn được lưu.",
        "The report was reopened; the earlier version is kept.",
    ),
    // Quality evaluation (issue #11)
    (
        "quality.lead",
        "Đánh giá chất lượng vụ việc theo Thông tư 12/2018: thang điểm 100, mẫu chọn ngẫu nhiên có ghi hạt giống.",
        "Quality evaluation under Circular 12/2018: a 100-point sheet on a random sample with its seed recorded.",
    ),
    (
        "quality.assigned",
        "Vụ việc được phân công đánh giá",
        "Cases named to me",
    ),
    (
        "quality.none_assigned",
        "Chưa có vụ việc nào được phân công cho bạn.",
        "No case is named to you.",
    ),
    (
        "quality.open_case",
        "Mở hồ sơ vụ việc",
        "Open the case file",
    ),
    ("quality.pending", "Chưa chấm điểm", "Not scored"),
    ("quality.scored", "Đã chấm:", "Scored:"),
    ("quality.fill_sheet", "Chấm điểm", "Score"),
    ("quality.max", "tối đa", "at most"),
    ("quality.comments", "Nhận xét", "Comments"),
    ("quality.verdict", "Tổng điểm: {}", "Total: {}"),
    (
        "quality.incomplete",
        "Chưa đủ điểm hợp lệ cho tiêu chí: {}",
        "Points missing or out of range for: {}",
    ),
    ("quality.save", "Lưu phiếu đánh giá", "Save the sheet"),
    (
        "quality.saved",
        "Đã lưu phiếu đánh giá; vụ việc đã được đánh giá.",
        "Sheet saved; the case is evaluated.",
    ),
    ("quality.plans", "Kế hoạch đánh giá", "Evaluation plans"),
    ("quality.plan_title", "Tên kế hoạch", "Title"),
    (
        "quality.plan_from",
        "Vụ việc kết thúc từ ngày",
        "Concluded from",
    ),
    ("quality.plan_to", "Đến ngày", "To"),
    (
        "quality.plan_rate",
        "Tỷ lệ chọn mẫu (%)",
        "Sampling rate (%)",
    ),
    (
        "quality.plan_create",
        "Lập kế hoạch và chọn mẫu",
        "Create and draw the sample",
    ),
    (
        "quality.plan_created",
        "Đã lập kế hoạch; chọn được {} vụ việc.",
        "Plan created; {} cases drawn.",
    ),
    (
        "quality.plan_counts",
        "đã chấm/đã chọn: {}",
        "scored/drawn: {}",
    ),
    (
        "quality.plan_seed",
        "Hạt giống · tỷ lệ: {}",
        "Seed · rate: {}",
    ),
    ("quality.case", "Vụ việc", "Case"),
    ("quality.status", "Kết quả", "Result"),
    ("quality.evaluator", "Người đánh giá", "Evaluator"),
    (
        "quality.choose_evaluator",
        "— Chọn người đánh giá —",
        "— Choose an evaluator —",
    ),
    (
        "quality.evaluator_named",
        "Đã phân công người đánh giá.",
        "Evaluator named.",
    ),
    ("quality.results", "Kết quả đánh giá", "Results"),
    ("quality.group_by", "Tổng hợp theo", "Group by"),
    ("quality.by.practitioner", "Người thực hiện", "Practitioner"),
    ("quality.by.organisation", "Tổ chức", "Organisation"),
    ("quality.by.province", "Tỉnh, thành phố", "Province"),
    (
        "quality.share_good",
        "Tỷ lệ đạt chất lượng tốt: {}",
        "Share graded good: {}",
    ),
    (
        "quality.results_chart",
        "Số vụ việc đạt chất lượng tốt",
        "Cases graded good",
    ),
    ("quality.unassigned", "(chưa phân công)", "(unassigned)"),
    // Leadership dashboard (issue #11)
    (
        "leader.lead",
        "Tiến độ chỉ tiêu, vụ việc thành công, thời gian chờ từng bước, quá hạn và mức đầy đủ hồ sơ theo đơn vị.",
        "Quota progress, successful cases, waits per step, overdue steps and file completeness per unit.",
    ),
    ("leader.all", "Tất cả", "All"),
    ("leader.month", "Tháng {}", "Month {}"),
    (
        "leader.successful",
        "Vụ việc thành công theo tháng",
        "Successful cases per month",
    ),
    (
        "leader.concluded",
        "Vụ việc kết thúc theo tháng",
        "Concluded cases per month",
    ),
    (
        "leader.waits",
        "Số ngày chờ trung bình ở từng bước",
        "Average days waiting at each step",
    ),
    ("leader.step", "Bước", "Step"),
    ("leader.cases", "Số vụ việc", "Cases"),
    ("leader.average", "Trung bình (ngày)", "Average (days)"),
    ("leader.longest", "Lâu nhất (ngày)", "Longest (days)"),
    ("leader.over_30", "Quá 30 ngày", "Over 30 days"),
    (
        "leader.overdue",
        "Vụ việc quá hạn theo đơn vị",
        "Overdue cases by unit",
    ),
    (
        "leader.quotas",
        "Tiến độ thực hiện chỉ tiêu vụ việc",
        "Progress against the case quota",
    ),
    ("leader.no_quota", "chưa giao chỉ tiêu", "no quota set"),
    (
        "leader.expected",
        "Theo tiến độ năm, đến nay cần đạt: {}",
        "Expected by now at the year's pace: {}",
    ),
    (
        "leader.completeness",
        "Mức đầy đủ hồ sơ theo đơn vị",
        "Case-file completeness by unit",
    ),
    ("leader.complete", "Hồ sơ đầy đủ", "Complete files"),
    ("leader.score", "Điểm trung bình", "Average score"),
    ("desk.intake.title", "Hàng chờ tiếp nhận", "Intake queue"),
    ("desk.complaints.title", "Phản ánh, kiến nghị", "Complaints"),
    ("desk.hotline.title", "Đường dây nóng", "Hotline"),
    (
        "desk.nothing",
        "Tài khoản của bạn không có hàng chờ nào ở đây.",
        "Your account has no queue here.",
    ),
    ("desk.empty", "Không có mục nào.", "Nothing here."),
    ("desk.late", "Quá hạn", "Overdue"),
    ("desk.choose", "— Chọn —", "— Choose —"),
    ("desk.category", "Diện", "Category"),
    (
        "desk.intake.lead",
        "Yêu cầu gửi trực tuyến và qua đường dây nóng, chờ lâu nhất ở trên cùng.",
        "Requests sent online and through the hotline, longest waiting first.",
    ),
    ("desk.intake.days", "ngày làm việc", "working days"),
    ("desk.intake.files", "Tệp kèm theo:", "Attached files:"),
    (
        "desk.intake.proof_held",
        "Đã có giấy tờ chứng minh của diện",
        "Proof papers held for category",
    ),
    (
        "desk.intake.convert",
        "Chuyển thành yêu cầu",
        "Turn into a request",
    ),
    (
        "desk.intake.converted",
        "Đã chuyển thành yêu cầu:",
        "Turned into a request:",
    ),
    (
        "desk.intake.open_case",
        "Mở hồ sơ để thụ lý",
        "Open the case file to accept it",
    ),
    (
        "desk.intake.reason",
        "Lý do từ chối (người dân sẽ thấy)",
        "Reason for rejecting (the citizen sees it)",
    ),
    ("desk.intake.reject", "Từ chối", "Reject"),
    (
        "desk.intake.rejected",
        "Đã từ chối yêu cầu.",
        "The request was rejected.",
    ),
    (
        "desk.complaints.lead",
        "Phản ánh, kiến nghị của người dân; chuyển đơn vị giải quyết hoặc trả lời trong thời hạn.",
        "Citizens' complaints; forward them to the unit that deals with them, or answer in time.",
    ),
    ("desk.complaints.received", "Mới tiếp nhận", "Received"),
    (
        "desk.complaints.forwarded",
        "Đã chuyển đơn vị giải quyết",
        "Forwarded",
    ),
    ("desk.complaints.answered", "Đã trả lời", "Answered"),
    ("desk.complaints.due", "hạn trả lời", "answer due"),
    ("desk.complaints.forward_to", "Chuyển đến", "Forward to"),
    (
        "desk.complaints.note",
        "Ghi chú khi chuyển",
        "Note with the forward",
    ),
    ("desk.complaints.forward", "Chuyển", "Forward"),
    (
        "desk.complaints.answer",
        "Trả lời người gửi",
        "Answer to the sender",
    ),
    (
        "desk.complaints.send_answer",
        "Gửi trả lời",
        "Send the answer",
    ),
    ("desk.hotline.new", "Ghi cuộc gọi", "Record a call"),
    ("desk.hotline.topic", "Nội dung hỏi", "Topic"),
    ("desk.hotline.advice", "Đã hướng dẫn", "Advice given"),
    ("desk.hotline.outcome", "Kết quả", "Outcome"),
    ("desk.hotline.advised", "Đã tư vấn", "Advised"),
    (
        "desk.hotline.callback_promised",
        "Hẹn gọi lại",
        "Callback promised",
    ),
    (
        "desk.hotline.forwarded",
        "Chuyển Trung tâm",
        "Forwarded to a centre",
    ),
    (
        "desk.hotline.minutes",
        "Thời lượng (phút)",
        "Duration (minutes)",
    ),
    (
        "desk.hotline.province_code",
        "Mã tỉnh của Trung tâm nhận (ví dụ 01)",
        "Province code of the receiving centre (e.g. 01)",
    ),
    (
        "desk.hotline.consent",
        "Đã đọc nội dung đồng ý xử lý dữ liệu cá nhân cho người gọi và người gọi đồng ý.",
        "The consent text was read to the caller, who agreed.",
    ),
    ("desk.hotline.record", "Lưu cuộc gọi", "Save the call"),
    (
        "desk.hotline.recorded",
        "Đã lưu cuộc gọi.",
        "The call was saved.",
    ),
    (
        "desk.hotline.read_out",
        "Đọc cho người gọi: mã",
        "Read to the caller: code",
    ),
    ("desk.hotline.log", "Nhật ký cuộc gọi", "Call log"),
    ("desk.hotline.due", "gọi lại trước", "call back by"),
    ("desk.hotline.called_back", "Đã gọi lại", "Called back"),
    (
        "pub.privacy.title",
        "Thông tin cá nhân của tôi",
        "My personal data",
    ),
    (
        "pub.privacy.hint",
        "Xin xem, sửa hoặc xóa thông tin cá nhân Trung tâm lưu về bạn.",
        "Ask to see, correct or delete the data the centre holds about you.",
    ),
    (
        "pub.privacy.lead",
        "Bạn có quyền xem, yêu cầu sửa hoặc xóa thông tin cá nhân của mình (Luật Bảo vệ dữ liệu cá nhân). Nhập mã và mật mã trên phiếu nhận. Trung tâm sẽ trả lời trong thời hạn luật định.",
        "You may see, correct or delete your personal data (Law on Personal Data Protection). Enter the code and secret from your receipt. The centre answers within the legal period.",
    ),
    (
        "pub.privacy.details",
        "Bạn muốn sửa điều gì, hoặc điều cần nói thêm",
        "What to correct, or anything to add",
    ),
    ("pub.privacy.send", "Gửi yêu cầu", "Send the request"),
    (
        "pub.privacy.done",
        "Trung tâm đã nhận yêu cầu của bạn và sẽ trả lời trước ngày",
        "The centre received your request and will answer by",
    ),
    (
        "desk.privacy.title",
        "Yêu cầu về dữ liệu cá nhân",
        "Personal-data requests",
    ),
    (
        "desk.privacy.lead",
        "Người được trợ giúp pháp lý có quyền xem, yêu cầu sửa hoặc xóa dữ liệu cá nhân của mình (Luật 91/2025/QH15). Trả lời trong thời hạn ghi ở từng yêu cầu.",
        "Beneficiaries may see, correct or delete their personal data (Law 91/2025). Answer each request by its due date.",
    ),
    (
        "desk.privacy.new",
        "Ghi nhận yêu cầu tại Trung tâm",
        "Record a request made at the centre",
    ),
    (
        "desk.privacy.find",
        "Tìm vụ việc (tên hoặc mã vụ việc)",
        "Find the case (name or case code)",
    ),
    ("desk.privacy.search", "Tìm", "Search"),
    ("desk.privacy.case", "Vụ việc", "Case"),
    ("desk.privacy.kind", "Loại yêu cầu", "Kind of request"),
    (
        "desk.privacy.kind.access",
        "Cung cấp dữ liệu",
        "A copy of the data",
    ),
    (
        "desk.privacy.kind.correction",
        "Chỉnh sửa dữ liệu",
        "Correction",
    ),
    ("desk.privacy.kind.deletion", "Xóa dữ liệu", "Deletion"),
    (
        "desk.privacy.details",
        "Nội dung yêu cầu",
        "What the person asks",
    ),
    ("desk.privacy.record", "Ghi nhận", "Record"),
    (
        "desk.privacy.recorded",
        "Đã ghi nhận yêu cầu.",
        "The request was recorded.",
    ),
    ("desk.privacy.due", "Hạn trả lời", "Answer by"),
    ("desk.privacy.status.received", "Đang chờ xử lý", "Waiting"),
    ("desk.privacy.status.completed", "Đã thực hiện", "Done"),
    ("desk.privacy.status.refused", "Đã từ chối", "Refused"),
    (
        "desk.privacy.answer",
        "Trả lời người yêu cầu",
        "Answer to the person",
    ),
    (
        "desk.privacy.export",
        "Xem bản dữ liệu để cung cấp",
        "See the copy to hand over",
    ),
    (
        "desk.privacy.provide",
        "Đã cung cấp dữ liệu",
        "The copy was handed over",
    ),
    ("desk.privacy.correct", "Sửa dữ liệu", "Correct the data"),
    (
        "desk.privacy.delete",
        "Xóa dữ liệu cá nhân",
        "Delete the personal data",
    ),
    (
        "desk.privacy.confirm_delete",
        "Xóa thông tin cá nhân của người này khỏi hồ sơ? Không thể hoàn tác.",
        "Delete this person's data from the file? This cannot be undone.",
    ),
    ("desk.privacy.refuse", "Từ chối", "Refuse"),
    (
        "desk.privacy.done",
        "Đã xử lý yêu cầu.",
        "The request was answered.",
    ),
    (
        "desk.privacy.reads",
        "Ai đã xem hồ sơ này",
        "Who read this record",
    ),
    ("desk.privacy.new_name", "Họ tên đúng", "Correct name"),
    (
        "desk.privacy.new_phone",
        "Số điện thoại đúng",
        "Correct phone",
    ),
    (
        "desk.privacy.new_address",
        "Địa chỉ đúng",
        "Correct address",
    ),
    (
        "desk.privacy.new_birth",
        "Ngày sinh đúng (năm-tháng-ngày)",
        "Correct date of birth (yyyy-mm-dd)",
    ),
    ("desk.privacy.new_id", "Số CCCD đúng", "Correct ID number"),
    (
        "err.lookup_refused",
        "Mã và mật mã không khớp với yêu cầu nào. Hãy kiểm tra lại cả hai trên phiếu nhận.",
        "The code and secret do not match a request. Check both on your receipt.",
    ),
    (
        "err.too_many_requests",
        "Bạn đã thử quá nhiều lần. Vui lòng đợi một lúc rồi thử lại.",
        "Too many attempts. Please wait a while and try again.",
    ),
    (
        "err.feedback_already_given",
        "Ý kiến về vụ việc này đã được gửi trước đó.",
        "Feedback on this case was already given.",
    ),
    (
        "err.privacy_no_case_yet",
        "Trung tâm chưa tiếp nhận yêu cầu của bạn. Bạn có thể rút lại sự đồng ý, hoặc liên hệ Trung tâm.",
        "The centre has not taken your request in yet. You may withdraw your consent, or contact the centre.",
    ),
    (
        "err.privacy_answered",
        "Yêu cầu này đã được trả lời. Hãy tải lại danh sách.",
        "This request was answered already. Reload the list.",
    ),
    (
        "err.privacy_anonymised",
        "Thông tin cá nhân của người này đã được xóa.",
        "This person's data was deleted already.",
    ),
    (
        "err.feedback_not_yet",
        "Chưa thể gửi ý kiến: Trung tâm chưa cử người giúp bạn.",
        "Feedback is not open yet: no helper is assigned to your case.",
    ),
    (
        "err.request_decided",
        "Trung tâm đã xử lý yêu cầu này; giấy tờ bổ sung xin mang đến Trung tâm.",
        "The centre has already handled this request; bring further papers to the centre.",
    ),
    (
        "err.too_many_attachments",
        "Mỗi yêu cầu gửi được tối đa 10 tệp.",
        "A request takes at most 10 files.",
    ),
    (
        "pub.portal",
        "Cổng dịch vụ trợ giúp pháp lý",
        "Legal aid public services",
    ),
    (
        "pub.home.title",
        "Trợ giúp pháp lý miễn phí",
        "Free legal aid",
    ),
    (
        "pub.home.lead",
        "Nhà nước giúp miễn phí về pháp luật cho người nghèo, người có công, trẻ em, người khuyết tật, đồng bào dân tộc thiểu số ở vùng khó khăn và nhiều người khác. Bạn cần gì?",
        "The State gives free legal help to poor people, people with merit, children, people with disabilities, ethnic minorities in hard areas and others. What do you need?",
    ),
    (
        "pub.request.title",
        "Gửi yêu cầu trợ giúp",
        "Ask for legal aid",
    ),
    (
        "pub.request.hint",
        "Điền đơn trực tuyến, gửi kèm ảnh giấy tờ.",
        "Fill in the form online, with photos of your papers.",
    ),
    ("pub.lookup.title", "Xem tiến độ", "Check progress"),
    (
        "pub.lookup.hint",
        "Dùng mã và mật mã trên phiếu nhận.",
        "Use the code and secret on your receipt.",
    ),
    ("pub.directory.title", "Tìm nơi giúp", "Find help near you"),
    (
        "pub.directory.hint",
        "Trung tâm, chi nhánh, tổ chức và người thực hiện trợ giúp pháp lý.",
        "Centres, branches, organisations and practitioners.",
    ),
    (
        "pub.feedback.title",
        "Góp ý về vụ việc",
        "Feedback on your case",
    ),
    (
        "pub.feedback.hint",
        "Cho biết bạn có hài lòng với sự giúp đỡ không.",
        "Tell us whether the help was good.",
    ),
    (
        "pub.complaint.title",
        "Phản ánh, kiến nghị",
        "Complaints and suggestions",
    ),
    (
        "pub.complaint.hint",
        "Báo điều chưa đúng, hoặc đề xuất cách làm tốt hơn.",
        "Report something wrong, or suggest a better way.",
    ),
    (
        "pub.hotline",
        "Cần hỗ trợ? Gọi Trung tâm trợ giúp pháp lý của tỉnh (số điện thoại ở mục Tìm nơi giúp), trong giờ hành chính.",
        "Need help? Call your province's legal aid centre (numbers under Find help near you), in office hours.",
    ),
    ("pub.staff_login", "Đăng nhập cho cán bộ", "Staff sign-in"),
    ("pub.receipt.title", "Phiếu nhận", "Your receipt"),
    (
        "pub.receipt.keep",
        "Hãy ghi lại hoặc in mã và mật mã này. Mật mã chỉ hiện một lần; không ai có thể xem lại.",
        "Write down or print this code and secret. The secret is shown only once; nobody can show it again.",
    ),
    ("pub.code", "Mã tra cứu", "Tracking code"),
    (
        "pub.code_example",
        "Ví dụ: YC-7K3M-Q9TD",
        "For example: YC-7K3M-Q9TD",
    ),
    ("pub.secret", "Mật mã", "Secret"),
    ("pub.print", "In phiếu", "Print"),
    ("pub.province", "Tỉnh, thành phố", "Province or city"),
    (
        "pub.province_choose",
        "— Chọn tỉnh, thành phố —",
        "— Choose a province —",
    ),
    ("pub.full_name", "Họ và tên", "Full name"),
    ("pub.phone", "Số điện thoại", "Phone number"),
    ("pub.dob", "Ngày sinh", "Date of birth"),
    ("pub.address", "Địa chỉ", "Address"),
    ("pub.case_code", "Mã vụ việc", "Case code"),
    (
        "pub.consent",
        "Đồng ý xử lý thông tin cá nhân",
        "Consent to processing personal data",
    ),
    (
        "pub.consent_agree",
        "Tôi đã đọc và đồng ý.",
        "I have read this and agree.",
    ),
    ("pub.sending", "Đang gửi…", "Sending…"),
    ("pub.yes", "Có", "Yes"),
    ("pub.no", "Không", "No"),
    (
        "pub.request.lead",
        "Điền những gì bạn biết. Trung tâm sẽ gọi lại cho bạn theo số điện thoại bạn ghi.",
        "Fill in what you know. The centre will call you back on the number you give.",
    ),
    ("pub.request.you", "Người yêu cầu", "About you"),
    (
        "pub.request.who_qualifies",
        "Bạn thuộc diện nào? (chọn một hoặc nhiều)",
        "Which groups are you in? (choose one or more)",
    ),
    (
        "pub.request.bring",
        "Giấy tờ cần mang theo hoặc gửi kèm:",
        "Papers to bring or attach:",
    ),
    (
        "pub.request.matter",
        "Việc cần giúp",
        "What you need help with",
    ),
    ("pub.request.form", "Hình thức giúp", "Kind of help"),
    ("pub.request.field", "Lĩnh vực", "Area of law"),
    (
        "pub.request.summary",
        "Kể ngắn gọn việc của bạn",
        "Tell us briefly what happened",
    ),
    (
        "pub.request.files",
        "Ảnh hoặc bản chụp giấy tờ (không bắt buộc)",
        "Photos or scans of papers (optional)",
    ),
    (
        "pub.request.files_hint",
        "Tối đa 10 tệp: PDF, ảnh JPG/PNG, Word.",
        "Up to 10 files: PDF, JPG/PNG photos, Word.",
    ),
    ("pub.request.files_sent", "Đã gửi kèm:", "Attached:"),
    ("pub.request.send", "Gửi yêu cầu", "Send the request"),
    (
        "pub.request.sent_to",
        "Yêu cầu đã được gửi đến",
        "Your request was sent to",
    ),
    (
        "pub.lookup.lead",
        "Nhập mã tra cứu (hoặc mã vụ việc và tỉnh) cùng mật mã trên phiếu nhận.",
        "Enter the tracking code (or the case code and province) with the secret on your receipt.",
    ),
    (
        "pub.lookup.by_case",
        "Tra cứu bằng mã vụ việc",
        "Look up by case code",
    ),
    ("pub.lookup.submit", "Xem", "Look up"),
    ("pub.lookup.status", "Tình trạng", "Status"),
    (
        "pub.lookup.rejected",
        "Trung tâm không tiếp nhận:",
        "The centre did not take it in:",
    ),
    ("pub.lookup.helper", "Người giúp bạn", "Your helper"),
    ("pub.lookup.hearing", "Phiên tòa sắp tới", "Next hearing"),
    (
        "pub.lookup.missing",
        "Giấy tờ còn thiếu",
        "Papers still missing",
    ),
    ("pub.lookup.until", "hạn", "due"),
    (
        "pub.directory.q",
        "Tên nơi hoặc người (gõ không dấu cũng được)",
        "Name (no diacritics needed)",
    ),
    ("pub.directory.search", "Tìm", "Search"),
    (
        "pub.directory.open_data",
        "Tải danh sách (dữ liệu mở, CSV)",
        "Download the list (open data, CSV)",
    ),
    ("pub.directory.organisations", "Tổ chức", "Organisations"),
    (
        "pub.directory.practitioners",
        "Người thực hiện trợ giúp pháp lý",
        "Practitioners",
    ),
    (
        "pub.feedback.lead",
        "Ý kiến của bạn được lưu vào hồ sơ vụ việc và giúp nâng cao chất lượng.",
        "Your feedback is kept in the case file and helps improve the service.",
    ),
    (
        "pub.feedback.satisfaction",
        "Bạn có hài lòng không?",
        "Are you satisfied?",
    ),
    (
        "pub.feedback.very_satisfied",
        "Rất hài lòng",
        "Very satisfied",
    ),
    ("pub.feedback.satisfied", "Hài lòng", "Satisfied"),
    ("pub.feedback.neutral", "Bình thường", "Neither"),
    (
        "pub.feedback.dissatisfied",
        "Không hài lòng",
        "Not satisfied",
    ),
    (
        "pub.feedback.informed",
        "Bạn có được giải thích quyền, nghĩa vụ và tiến độ vụ việc không?",
        "Were you told your rights, duties and how the case went?",
    ),
    (
        "pub.feedback.on_time",
        "Người giúp có đúng hẹn không?",
        "Did the helper keep to time?",
    ),
    (
        "pub.feedback.no_answer",
        "— Không trả lời —",
        "— No answer —",
    ),
    ("pub.feedback.comment", "Ý kiến khác", "Anything else"),
    ("pub.feedback.send", "Gửi ý kiến", "Send feedback"),
    (
        "pub.complaint.lead",
        "Phản ánh, kiến nghị được chuyển đến Sở Tư pháp của tỉnh (hoặc Cục Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý) và được trả lời trong thời hạn.",
        "Complaints and suggestions go to the province's Justice Department (or the ministry's department) and are answered within the time limit.",
    ),
    ("pub.complaint.kind", "Loại", "Kind"),
    ("pub.complaint.complaint", "Phản ánh", "Complaint"),
    ("pub.complaint.recommendation", "Kiến nghị", "Suggestion"),
    (
        "pub.complaint.content",
        "Nội dung",
        "What happened, or what you suggest",
    ),
    ("pub.complaint.send", "Gửi", "Send"),
    ("pub.complaint.handler", "Nơi giải quyết:", "Handled by:"),
    ("pub.complaint.due", "hạn trả lời", "answer due"),
    (
        "pub.complaint.read_answer",
        "Xem trả lời",
        "Read the answer",
    ),
];
