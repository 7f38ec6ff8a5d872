//! The catalogue of the API's stable error codes, with their text in
//! Vietnamese and English: the code of a problem (`Problem.code`) and of a
//! field's error (`errors[].code`). The SPA says a refusal in the user's
//! language from its code (never the server's English `detail`; it reads
//! the catalogue from `GET /reference/error-codes`), the spec
//! lists the codes as the `ErrorCode` enum, and the HTTP tests fail on any
//! code they meet that is missing here; a unit test fails on an entry
//! without both texts.

/// One code and what it says to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorCode {
    pub code: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

/// A code of the catalogue on the wire (`GET /reference/error-codes`): the
/// web app reads the catalogue from the server rather than carry it in
/// each of its modules.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ErrorCodeDto {
    pub code: String,
    /// What it says in Vietnamese.
    pub vi: String,
    /// What it says in English.
    pub en: String,
}

impl From<&ErrorCode> for ErrorCodeDto {
    fn from(e: &ErrorCode) -> Self {
        Self {
            code: e.code.to_owned(),
            vi: e.vi.to_owned(),
            en: e.en.to_owned(),
        }
    }
}

const fn c(code: &'static str, vi: &'static str, en: &'static str) -> ErrorCode {
    ErrorCode { code, vi, en }
}

/// Every code, sorted.
pub const CODES: &[ErrorCode] = &[
    c(
        "already_assigned",
        "Người này đang được phân công vụ việc.",
        "This practitioner is already assigned to the case.",
    ),
    c(
        "api_key.not_found",
        "Không tìm thấy khóa API, hoặc khóa API nằm ngoài phạm vi bạn được xem.",
        "No such API key, or outside what you may see.",
    ),
    c(
        "api_key.not_rotatable",
        "Khóa API này đã bị thu hồi, hết hạn hoặc đã được thay; hãy cấp khóa mới.",
        "This API key is revoked, expired or already rotated; issue a new key.",
    ),
    c(
        "api_key.scope_unknown",
        "Phạm vi quyền không hợp lệ; dùng dạng khu_vực:quyền, ví dụ cases:read.",
        "Unknown scope; use area:access, e.g. cases:read.",
    ),
    c(
        "auth.account_locked",
        "Tài khoản đã bị quản trị viên khóa. Liên hệ quản trị viên.",
        "This account has been locked by an administrator.",
    ),
    c(
        "auth.api_key_invalid",
        "Khóa API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.",
        "The API key is invalid, expired or revoked.",
    ),
    c(
        "auth.api_key_logout",
        "Khóa API không có phiên đăng nhập để kết thúc; hãy thu hồi khóa để khóa ngừng hoạt động.",
        "An API key has no session to end; revoke the key to stop it working.",
    ),
    c(
        "auth.api_key_not_accepted",
        "Thao tác này chỉ dành cho người đăng nhập, không nhận khóa API.",
        "This operation is for signed-in people; it does not accept API keys.",
    ),
    c(
        "auth.api_key_scope_missing",
        "Khóa API không có phạm vi quyền mà thao tác này cần; hãy tạo khóa mới có phạm vi đó.",
        "The API key lacks the scope this operation needs; issue a key with that scope.",
    ),
    c(
        "auth.invalid_credentials",
        "Sai tên đăng nhập, mật khẩu hoặc mã xác thực (hoặc tài khoản đang tạm khóa sau nhiều lần sai).",
        "Wrong username, password or code (or the account is locked for a while after repeated failures).",
    ),
    c(
        "auth.locked_out",
        "Đăng nhập sai quá nhiều lần: tài khoản tạm khóa 15 phút. Thử lại sau hoặc liên hệ quản trị viên.",
        "Too many failed logins: the account is locked for 15 minutes. Try later or ask an administrator.",
    ),
    c(
        "auth.password_change_required",
        "Bạn đang dùng mật khẩu tạm thời. Hãy đổi mật khẩu.",
        "You are using a temporary password. Please change it.",
    ),
    c(
        "auth.reauthentication_required",
        "Thao tác này cần xác nhận lại mật khẩu.",
        "This act needs your password again.",
    ),
    c(
        "auth.refresh_invalid",
        "Phiên làm việc đã hết hạn hoặc bị thu hồi. Vui lòng đăng nhập lại.",
        "Your session has expired or was revoked. Please log in again.",
    ),
    c(
        "auth.refresh_reused",
        "Phiên làm việc đã hết hạn hoặc bị thu hồi. Vui lòng đăng nhập lại.",
        "Your session has expired or was revoked. Please log in again.",
    ),
    c(
        "auth.refresh_superseded",
        "Phiên vừa được gia hạn ở thẻ khác; đang thử lại.",
        "The session was just renewed in another tab; retrying.",
    ),
    c("auth.required", "Vui lòng đăng nhập.", "Please log in."),
    c(
        "auth.scheme_unsupported",
        "Kiểu xác thực không được hỗ trợ.",
        "The authorization scheme is not supported.",
    ),
    c(
        "auth.second_factor_enrolled",
        "Xác thực hai lớp đã được bật.",
        "Two-step verification is already on.",
    ),
    c(
        "auth.second_factor_enrolment_required",
        "Vai trò của bạn bắt buộc xác thực hai lớp: hãy bật trong Tài khoản của tôi.",
        "Your role must use two-step verification: turn it on under My account.",
    ),
    c(
        "auth.second_factor_not_enrolled",
        "Xác thực hai lớp chưa được bật.",
        "Two-step verification is not on.",
    ),
    c(
        "auth.second_factor_not_started",
        "Chưa bắt đầu bật xác thực hai lớp.",
        "Two-step verification was not started.",
    ),
    c(
        "auth.second_factor_required",
        "Mật khẩu đúng. Nhập mã xác thực để hoàn tất đăng nhập.",
        "Password accepted. Enter your verification code to finish logging in.",
    ),
    c(
        "auth.session_revoked",
        "Phiên làm việc đã hết hạn hoặc bị thu hồi. Vui lòng đăng nhập lại.",
        "Your session has expired or was revoked. Please log in again.",
    ),
    c(
        "auth.token_expired",
        "Phiên làm việc đã hết hạn hoặc bị thu hồi. Vui lòng đăng nhập lại.",
        "Your session has expired or was revoked. Please log in again.",
    ),
    c(
        "auth.token_invalid",
        "Phiên làm việc đã hết hạn hoặc bị thu hồi. Vui lòng đăng nhập lại.",
        "Your session has expired or was revoked. Please log in again.",
    ),
    c(
        "before_valid_from",
        "Ngày hết hiệu lực phải sau ngày bắt đầu.",
        "The end date must come after the start date.",
    ),
    c(
        "beneficiary_required",
        "Cần ghi người được trợ giúp pháp lý.",
        "Name the beneficiary.",
    ),
    c(
        "beneficiary_single",
        "Mỗi yêu cầu chỉ có một người được trợ giúp pháp lý.",
        "A request has exactly one beneficiary.",
    ),
    c(
        "body.malformed_json",
        "Dữ liệu gửi lên không đúng định dạng JSON.",
        "The body is not valid JSON.",
    ),
    c(
        "body.unreadable",
        "Không đọc được dữ liệu gửi lên.",
        "The body could not be read.",
    ),
    c(
        "calendar.working_days_invalid",
        "Số ngày làm việc không hợp lệ.",
        "Not a valid number of working days.",
    ),
    c(
        "calendar_feed.not_found",
        "Không có lịch này, hoặc lịch đã bị thu hồi.",
        "No such calendar feed, or it was revoked.",
    ),
    c(
        "cannot_handle_cases",
        "Yêu cầu chỉ được nhận bởi Trung tâm, Chi nhánh hoặc tổ chức tham gia đang hoạt động.",
        "Requests are taken by an active centre, branch or participating organisation.",
    ),
    c(
        "case.activity_kind_unknown",
        "Giá trị không hợp lệ: loại công việc.",
        "Not a valid activity kind.",
    ),
    c(
        "case.channel_unknown",
        "Giá trị không hợp lệ: hình thức tiếp nhận.",
        "Not a valid channel.",
    ),
    c(
        "case.code_invalid",
        "Mã vụ việc không đúng dạng (ví dụ TT.TV.01.2026).",
        "Not a case code (e.g. TT.TV.01.2026).",
    ),
    c(
        "case.command_unknown",
        "Giá trị không hợp lệ: thao tác.",
        "Not a valid act.",
    ),
    c(
        "case.conflict_of_interest",
        "Xung đột lợi ích: người này đang giúp bên có quyền lợi đối lập trong vụ việc khác (Điều 25 khoản 2). Chọn người khác.",
        "Conflict of interest: this practitioner acts for the opposing side in another case (Art. 25(2)). Choose someone else.",
    ),
    c(
        "case.discontinuation_ground_unknown",
        "Giá trị không hợp lệ: căn cứ chấm dứt.",
        "Not a valid discontinuation ground.",
    ),
    c(
        "case.evaluation_needs_sheet",
        "Vụ việc nằm trong kế hoạch đánh giá: cần chấm theo phiếu đánh giá.",
        "The case was drawn by an evaluation plan: score it on the sheet.",
    ),
    c(
        "case.field_of_law_unknown",
        "Giá trị không hợp lệ: lĩnh vực pháp luật.",
        "Not a valid field of law.",
    ),
    c(
        "case.file_closed",
        "Hồ sơ vụ việc đã đóng; không thể thay đổi.",
        "The case file is closed; it cannot change.",
    ),
    c(
        "case.fixed_after_acceptance",
        "Vụ việc đã được thụ lý: không sửa được thông tin này nữa.",
        "The case is in the register: this can no longer change.",
    ),
    c(
        "case.fixed_after_conclusion",
        "Vụ việc đã kết thúc: không sửa được lĩnh vực pháp luật.",
        "The case is closed: its field of law can no longer change.",
    ),
    c(
        "case.form_of_aid_unknown",
        "Giá trị không hợp lệ: hình thức trợ giúp.",
        "Not a valid form of aid.",
    ),
    c(
        "case.hearing_case_closed",
        "Vụ việc đã kết thúc; không thể xếp phiên tòa.",
        "The case is closed; no hearing can be scheduled.",
    ),
    c(
        "case.hearing_mode_unknown",
        "Giá trị không hợp lệ: hình thức phiên tòa.",
        "Not a valid hearing mode.",
    ),
    c(
        "case.hearing_not_litigation",
        "Chỉ vụ việc tham gia tố tụng mới có phiên tòa.",
        "Only litigation cases have hearings.",
    ),
    c(
        "case.no_reassignment_request",
        "Không có đề nghị thay đổi người thực hiện đang chờ.",
        "No reassignment request is pending.",
    ),
    c(
        "case.not_amendable",
        "Hồ sơ đã lưu trữ hoặc yêu cầu đã bị từ chối: không sửa được nữa.",
        "The file is archived or the request refused: it can no longer be corrected.",
    ),
    c(
        "case.not_eligible",
        "Không diện nào còn hiệu lực vào ngày yêu cầu: chỉ có thể từ chối (Điều 30).",
        "No category is eligible on the request date: the request may only be refused (Art. 30).",
    ),
    c(
        "case.not_found",
        "Không tìm thấy vụ việc, hoặc vụ việc nằm ngoài phạm vi bạn được xem.",
        "No such case, or outside what you may see.",
    ),
    c(
        "case.notice_kind_unknown",
        "Giá trị không hợp lệ: loại văn bản thông báo.",
        "Not a valid notice kind.",
    ),
    c(
        "case.party_role_unknown",
        "Giá trị không hợp lệ: vai trò của người liên quan.",
        "Not a valid party role.",
    ),
    c(
        "case.procedural_role_unknown",
        "Giá trị không hợp lệ: tư cách tố tụng.",
        "Not a valid procedural role.",
    ),
    c(
        "case.proof_missing",
        "Còn thiếu giấy tờ chứng minh: yêu cầu bổ sung trước khi thụ lý.",
        "Proof is missing: request a supplement before acceptance.",
    ),
    c(
        "case.reassignment_pending",
        "Đã có đề nghị thay đổi người thực hiện đang chờ trả lời.",
        "A reassignment request is already waiting for an answer.",
    ),
    c(
        "case.refusal_ground_unknown",
        "Giá trị không hợp lệ: căn cứ từ chối.",
        "Not a valid refusal ground.",
    ),
    c(
        "case.state_unknown",
        "Giá trị không hợp lệ: trạng thái vụ việc.",
        "Not a valid case state.",
    ),
    c(
        "case.success_criterion_unknown",
        "Không có tiêu chí thành công này (Quyết định 1179).",
        "No such success criterion (Decision 1179).",
    ),
    c(
        "case.success_criterion_wrong_group",
        "Tiêu chí không thuộc nhóm của vụ việc (hình sự, dân sự, hành chính).",
        "The criterion is not of the case's group (criminal, civil, administrative).",
    ),
    c(
        "case.success_not_litigation",
        "Chỉ vụ việc tham gia tố tụng mới được đánh giá thành công.",
        "Only litigation cases can be assessed successful.",
    ),
    c(
        "case.transition_not_allowed",
        "Trạng thái vụ việc đã thay đổi, thao tác này không còn hợp lệ. Tải lại vụ việc.",
        "The case has moved on; this act is no longer allowed. Reload the case.",
    ),
    c(
        "complaint.already_answered",
        "Phản ánh, kiến nghị này đã được trả lời.",
        "The complaint was already answered.",
    ),
    c(
        "complaint.answer_too_short",
        "Câu trả lời quá ngắn.",
        "The answer is too short.",
    ),
    c(
        "complaint.no_handler",
        "Chưa có đơn vị tiếp nhận phản ánh ở tỉnh này.",
        "No office takes complaints in this province yet.",
    ),
    c(
        "complaint.not_a_handler",
        "Đơn vị của bạn không xử lý phản ánh này.",
        "Your office does not handle this complaint.",
    ),
    c(
        "complaint.not_found",
        "Không tìm thấy phản ánh, kiến nghị, hoặc phản ánh, kiến nghị nằm ngoài phạm vi bạn được xem.",
        "No such complaint, or outside what you may see.",
    ),
    c(
        "complaint.same_handler",
        "Phản ánh đang ở chính đơn vị này.",
        "The complaint is already with this office.",
    ),
    c(
        "complaint.too_long",
        "Nội dung quá dài.",
        "The text is too long.",
    ),
    c(
        "conflict.duplicate",
        "Bản ghi này đã tồn tại.",
        "This record already exists.",
    ),
    c(
        "date_format",
        "Ngày phải theo dạng dd/mm/yyyy.",
        "Dates are written dd/mm/yyyy.",
    ),
    c(
        "document.already_removed",
        "Tài liệu đã được rút khỏi hồ sơ.",
        "The document was already withdrawn.",
    ),
    c(
        "document.checksum_mismatch",
        "Tệp nhận được khác tệp đã gửi (sai mã SHA-256); hãy tải lại.",
        "The file that arrived differs from the one sent (SHA-256); upload it again.",
    ),
    c(
        "document.corrupted",
        "Tài liệu lưu trữ bị hỏng nên không thể tải về; quản trị viên đã được báo.",
        "The stored document is damaged and cannot be served; the administrators have been alerted.",
    ),
    c(
        "document.duplicate_upload",
        "Tài liệu này đã được tải lên.",
        "This document was already uploaded.",
    ),
    c("document.empty", "Tệp rỗng.", "The file is empty."),
    c(
        "document.idempotency_key_reused",
        "Khóa này đã dùng cho một tệp khác.",
        "This key was used for another file.",
    ),
    c(
        "document.no_file",
        "Chưa đính kèm tệp.",
        "No file was attached.",
    ),
    c(
        "document.not_found",
        "Không tìm thấy tài liệu, hoặc tài liệu nằm ngoài phạm vi bạn được xem.",
        "No such document, or outside what you may see.",
    ),
    c(
        "document.range_not_satisfiable",
        "Đoạn dữ liệu yêu cầu nằm ngoài tài liệu.",
        "The requested range is outside the document.",
    ),
    c(
        "document.too_large",
        "Tệp quá lớn.",
        "The file is too large.",
    ),
    c(
        "document.type_mismatch",
        "Loại tệp không được chấp nhận: nội dung tệp không khớp với loại tệp khai báo.",
        "This file is not accepted: its content does not match its declared type.",
    ),
    c(
        "document.unsupported_type",
        "Loại tệp không được chấp nhận (PDF, ảnh, DOCX, XLSX, ODT, ODS, văn bản).",
        "This file type is not accepted (PDF, images, DOCX, XLSX, ODT, ODS, text).",
    ),
    c(
        "document.upload_incomplete",
        "Tệp tải lên bị gián đoạn; vui lòng tải lại.",
        "The upload was cut short; upload it again.",
    ),
    c(
        "eligibility.age_not_covered",
        "Tuổi của người được trợ giúp không thuộc diện này.",
        "The beneficiary's age is not covered by this category.",
    ),
    c(
        "eligibility.date_of_birth_missing",
        "Diện này cần ngày sinh của người được trợ giúp.",
        "This category needs the beneficiary's date of birth.",
    ),
    c(
        "eligibility.hardship_not_proven",
        "Diện này cần chứng minh khó khăn về tài chính.",
        "This category needs proven financial hardship.",
    ),
    c(
        "eligibility.not_in_force",
        "Diện đối tượng không có hiệu lực vào ngày yêu cầu.",
        "The category is not in force on the request date.",
    ),
    c(
        "eligibility.procedural_role_not_covered",
        "Tư cách tố tụng của người được trợ giúp không thuộc diện này.",
        "The beneficiary's procedural role is not covered by this category.",
    ),
    c(
        "eligibility.unknown_category",
        "Diện đối tượng không tồn tại.",
        "Unknown eligibility category.",
    ),
    c(
        "email",
        "Địa chỉ thư điện tử không hợp lệ.",
        "Not a valid email address.",
    ),
    c(
        "evaluation.already_scored",
        "Vụ việc đã được đánh giá; mỗi vụ việc chỉ được đánh giá một lần.",
        "The case has been evaluated; a case is never evaluated twice.",
    ),
    c(
        "evaluation.case_drawn",
        "Vụ việc đã được chọn vào một kế hoạch đánh giá.",
        "The case was already drawn by an evaluation plan.",
    ),
    c(
        "evaluation.criterion_missing",
        "Phiếu còn thiếu tiêu chí.",
        "A criterion of the sheet is missing.",
    ),
    c(
        "evaluation.criterion_twice",
        "Một tiêu chí được chấm hai lần.",
        "A criterion is scored twice.",
    ),
    c(
        "evaluation.criterion_unknown",
        "Phiếu không có tiêu chí này.",
        "The sheet has no such criterion.",
    ),
    c(
        "evaluation.grade_unknown",
        "Giá trị không hợp lệ: xếp loại.",
        "Not a valid grade.",
    ),
    c(
        "evaluation.group_unknown",
        "Chỉ nhóm theo người thực hiện, tổ chức hoặc tỉnh.",
        "Group by practitioner, organisation or province.",
    ),
    c(
        "evaluation.item_status_unknown",
        "Giá trị không hợp lệ: trạng thái.",
        "Not a valid status.",
    ),
    c(
        "evaluation.no_sheet",
        "Chưa có phiếu đánh giá có hiệu lực.",
        "No score sheet is in force.",
    ),
    c(
        "evaluation.not_the_evaluator",
        "Bạn không phải người đánh giá được giao vụ việc này.",
        "You are not the evaluator named for this case.",
    ),
    c(
        "evaluation.own_case",
        "Không được đánh giá vụ việc của chính mình.",
        "You may not evaluate your own case.",
    ),
    c(
        "evaluation.period_invalid",
        "Kỳ đánh giá kết thúc trước khi bắt đầu.",
        "The period ends before it starts.",
    ),
    c(
        "evaluation.points_out_of_range",
        "Số điểm vượt quá mức tối đa của tiêu chí.",
        "The points exceed the criterion's maximum.",
    ),
    c(
        "evaluation.rate_invalid",
        "Tỷ lệ chọn mẫu từ 1 đến 100 phần trăm.",
        "The sampling rate is 1 to 100 percent.",
    ),
    c(
        "evaluation.sheet_invalid",
        "Phiếu đánh giá không hợp lệ.",
        "The score sheet is invalid.",
    ),
    c(
        "evaluation.title_invalid",
        "Tên kế hoạch từ 5 đến 200 ký tự.",
        "The plan's title is 5 to 200 characters.",
    ),
    c(
        "evaluation_item.not_found",
        "Không tìm thấy vụ việc trong kế hoạch đánh giá, hoặc vụ việc trong kế hoạch đánh giá nằm ngoài phạm vi bạn được xem.",
        "No such plan item, or outside what you may see.",
    ),
    c(
        "evaluation_plan.not_found",
        "Không tìm thấy kế hoạch đánh giá, hoặc kế hoạch đánh giá nằm ngoài phạm vi bạn được xem.",
        "No such evaluation plan, or outside what you may see.",
    ),
    c(
        "export.format_unknown",
        "Chỉ xuất được tệp CSV hoặc Excel (xlsx).",
        "Export as CSV or Excel (xlsx).",
    ),
    c(
        "feedback.already_given",
        "Ý kiến về vụ việc này đã được gửi trước đó.",
        "Feedback on this case was already given.",
    ),
    c(
        "feedback.comment_too_long",
        "Ý kiến tối đa 2000 ký tự.",
        "A comment holds at most 2000 characters.",
    ),
    c(
        "feedback.no_case_yet",
        "Chưa thể gửi ý kiến: Trung tâm chưa cử người giúp bạn.",
        "Feedback is not open yet: no helper is assigned to your case.",
    ),
    c(
        "feedback.not_yet_helped",
        "Chưa thể gửi ý kiến: Trung tâm chưa cử người giúp bạn.",
        "Feedback is not open yet: no helper is assigned to your case.",
    ),
    c(
        "fixed",
        "Thông báo an ninh luôn được gửi thư ngay; không thể thay đổi.",
        "Security notices are always mailed at once; this cannot change.",
    ),
    c(
        "forbidden",
        "Bạn không có quyền thực hiện thao tác này.",
        "You are not allowed to do this.",
    ),
    c(
        "holiday.not_found",
        "Không tìm thấy ngày nghỉ lễ, hoặc ngày nghỉ lễ nằm ngoài phạm vi bạn được xem.",
        "No such holiday, or outside what you may see.",
    ),
    c(
        "hotline.already_called_back",
        "Người gọi đã được gọi lại.",
        "The caller was already called back.",
    ),
    c(
        "hotline.callback_without_phone",
        "Hẹn gọi lại cần số điện thoại của người gọi.",
        "A callback needs the caller's phone number.",
    ),
    c(
        "hotline.caller_name_required",
        "Cần ghi tên người gọi.",
        "Give the caller's name.",
    ),
    c(
        "hotline.forward_required",
        "Cần ghi Trung tâm nhận yêu cầu và nội dung yêu cầu.",
        "Say which centre takes the request, and what it is.",
    ),
    c(
        "hotline.forward_unused",
        "Chỉ cuộc gọi chuyển yêu cầu mới kèm nội dung yêu cầu.",
        "Only a forwarded call carries a request.",
    ),
    c(
        "hotline.implausible_duration",
        "Thời lượng cuộc gọi không hợp lý.",
        "The call's duration is implausible.",
    ),
    c(
        "hotline.in_future",
        "Thời điểm cuộc gọi không được ở tương lai.",
        "The call cannot be in the future.",
    ),
    c(
        "hotline.no_callback_promised",
        "Cuộc gọi này không hẹn gọi lại.",
        "No callback was promised on this call.",
    ),
    c(
        "hotline_call.not_found",
        "Không tìm thấy cuộc gọi, hoặc cuộc gọi nằm ngoài phạm vi bạn được xem.",
        "No such call, or outside what you may see.",
    ),
    c(
        "idempotency.in_progress",
        "Yêu cầu giống hệt đang được xử lý; vui lòng thử lại sau giây lát.",
        "The same request is still being handled; try again in a moment.",
    ),
    c(
        "idempotency.key_invalid",
        "Khóa Idempotency-Key phải có 1 đến 255 ký tự ASCII nhìn thấy được.",
        "An Idempotency-Key is 1 to 255 visible ASCII characters.",
    ),
    c(
        "idempotency.key_reused",
        "Khóa Idempotency-Key này đã dùng cho một yêu cầu khác.",
        "This Idempotency-Key was used for a different request.",
    ),
    c(
        "if_match.invalid",
        "Phiên bản gửi kèm (If-Match) không hợp lệ.",
        "The If-Match version is invalid.",
    ),
    c(
        "import.code_form_mismatch",
        "Mã vụ việc không khớp hình thức trợ giúp.",
        "The case code does not match the form of aid.",
    ),
    c(
        "import.code_not_registered",
        "Vụ việc chưa thụ lý không có mã vụ việc.",
        "A case not yet accepted has no case code.",
    ),
    c(
        "import.code_taken",
        "Mã vụ việc đã có trong hệ thống.",
        "The case code is already taken.",
    ),
    c(
        "import.code_year_mismatch",
        "Năm trong mã vụ việc khác năm thụ lý.",
        "The year in the case code differs from the acceptance year.",
    ),
    c(
        "import.date_invalid",
        "Ngày không hợp lệ.",
        "Not a valid date.",
    ),
    c(
        "import.date_order",
        "Các ngày không theo đúng trình tự.",
        "The dates are out of order.",
    ),
    c(
        "import.duplicate_legacy_id",
        "Mã hồ sơ cũ bị trùng trong tệp.",
        "The old system's id appears twice in the file.",
    ),
    c(
        "import.file_empty",
        "Tệp nhập rỗng.",
        "The import file is empty.",
    ),
    c(
        "import.file_unreadable",
        "Không đọc được tệp nhập.",
        "The import file could not be read.",
    ),
    c(
        "import.format_unknown",
        "Tệp nhập phải là .csv (UTF-8) hoặc .xlsx.",
        "Send a .csv (UTF-8) or .xlsx file.",
    ),
    c(
        "import.kind_unknown",
        "Chỉ nhập được tổ chức, người thực hiện hoặc vụ việc.",
        "Import organisations, practitioners or cases.",
    ),
    c(
        "import.mapping_invalid",
        "Tệp ánh xạ cột (TOML) không hợp lệ.",
        "The column mapping (TOML) is invalid.",
    ),
    c(
        "import.not_found",
        "Không tìm thấy lượt nhập dữ liệu, hoặc lượt nhập dữ liệu nằm ngoài phạm vi bạn được xem.",
        "No such import, or outside what you may see.",
    ),
    c(
        "import.number_invalid",
        "Số không hợp lệ.",
        "Not a valid number.",
    ),
    c(
        "import.reference_unknown",
        "Không tìm thấy mã tham chiếu.",
        "The reference is unknown.",
    ),
    c(
        "import.register_number_taken",
        "Số thụ lý đã có trong sổ.",
        "The register number is already taken.",
    ),
    c(
        "import.sex_invalid",
        "Giới tính không hợp lệ.",
        "Not a valid sex.",
    ),
    c(
        "import.status_not_importable",
        "Không nhập được vụ việc ở trạng thái này.",
        "A case in this state cannot be imported.",
    ),
    c(
        "import.status_unknown",
        "Trạng thái vụ việc không hợp lệ.",
        "Not a valid case state.",
    ),
    c(
        "import.success_not_concluded",
        "Chỉ vụ việc đã kết thúc mới có đánh giá thành công.",
        "Only a concluded case is assessed successful.",
    ),
    c(
        "import.value_unknown",
        "Giá trị không có trong danh mục.",
        "The value is not in the list.",
    ),
    c(
        "in_future",
        "Ngày không được ở tương lai.",
        "The date cannot be in the future.",
    ),
    c(
        "in_past",
        "Thời điểm phải ở tương lai.",
        "The time must be in the future.",
    ),
    c(
        "intake.already_decided",
        "Trung tâm đã xử lý yêu cầu này; giấy tờ bổ sung xin mang đến Trung tâm.",
        "The centre has already handled this request; bring further papers to the centre.",
    ),
    c(
        "intake.bad_tracking_code",
        "Mã tra cứu không đúng dạng.",
        "Not a tracking code.",
    ),
    c(
        "intake.changed",
        "Yêu cầu vừa được người khác xử lý; hãy tải lại.",
        "Someone else has just handled this request; reload it.",
    ),
    c(
        "intake.not_found",
        "Không tìm thấy yêu cầu, hoặc yêu cầu nằm ngoài phạm vi bạn được xem.",
        "No such request, or outside what you may see.",
    ),
    c(
        "intake.reason_required",
        "Cần ghi lý do.",
        "Give the reason.",
    ),
    c(
        "intake.too_many_attachments",
        "Mỗi yêu cầu gửi được tối đa 10 tệp.",
        "A request takes at most 10 files.",
    ),
    c(
        "internal_error",
        "Lỗi máy chủ. Vui lòng thử lại sau.",
        "Server error. Please try again later.",
    ),
    c("invalid", "Giá trị không hợp lệ.", "Invalid value."),
    c(
        "job.not_dead",
        "Chỉ có thể chạy lại công việc đã thất bại.",
        "Only a failed job can be retried.",
    ),
    c(
        "job.not_found",
        "Không tìm thấy công việc nền, hoặc công việc nền nằm ngoài phạm vi bạn được xem.",
        "No such job, or outside what you may see.",
    ),
    c("length", "Độ dài không hợp lệ.", "Wrong length."),
    c(
        "not_a_practitioner_role",
        "Chỉ tài khoản trợ giúp viên hoặc luật sư mới gắn với người thực hiện.",
        "Only officer and lawyer accounts link to a practitioner.",
    ),
    c(
        "not_active",
        "Người thực hiện không còn hoạt động.",
        "The practitioner is not active.",
    ),
    c("not_found", "Không tìm thấy.", "Not found."),
    c(
        "not_permitted",
        "Bạn không được chuyển người thực hiện sang tổ chức đó.",
        "You cannot move practitioners into that organisation.",
    ),
    c(
        "not_used",
        "Thao tác này không nhận trường này; hãy bỏ đi.",
        "This act does not take this field; leave it out.",
    ),
    c(
        "notification.delivery_unknown",
        "Giá trị không hợp lệ: cách nhận thông báo.",
        "Not a valid delivery.",
    ),
    c(
        "notification.kind_unknown",
        "Giá trị không hợp lệ: loại thông báo.",
        "Not a valid notification kind.",
    ),
    c(
        "notification.language_unknown",
        "Giá trị không hợp lệ: ngôn ngữ.",
        "Not a valid language.",
    ),
    c(
        "notification.not_found",
        "Không tìm thấy thông báo, hoặc thông báo nằm ngoài phạm vi bạn được xem.",
        "No such notification, or outside what you may see.",
    ),
    c(
        "organisation.abbreviation_invalid",
        "Tên viết tắt gồm 1–12 chữ in hoa hoặc chữ số, bắt đầu bằng chữ, ví dụ TT hoặc CN1.",
        "An abbreviation is 1–12 capital letters or digits starting with a letter, e.g. TT or CN1.",
    ),
    c(
        "organisation.abbreviation_taken",
        "Tên viết tắt đã được dùng.",
        "The abbreviation is taken.",
    ),
    c(
        "organisation.has_active_children",
        "Tổ chức còn đơn vị trực thuộc đang hoạt động.",
        "The organisation still has active units under it.",
    ),
    c(
        "organisation.kind_unknown",
        "Giá trị không hợp lệ: loại tổ chức.",
        "Not a valid organisation kind.",
    ),
    c(
        "organisation.merge_into_self",
        "Không thể hợp nhất một tổ chức vào chính nó.",
        "An organisation cannot be merged into itself.",
    ),
    c(
        "organisation.merge_kind_mismatch",
        "Chỉ hợp nhất được các tổ chức cùng loại.",
        "Only organisations of one kind can be merged.",
    ),
    c(
        "organisation.merge_not_active",
        "Tổ chức đã được hợp nhất hoặc không còn hoạt động.",
        "The organisation is already merged or inactive.",
    ),
    c(
        "organisation.merge_root",
        "Không thể hợp nhất Cục.",
        "The national department cannot be merged.",
    ),
    c(
        "organisation.not_active",
        "Tổ chức không còn hoạt động.",
        "The organisation is not active.",
    ),
    c(
        "organisation.not_found",
        "Không tìm thấy tổ chức, hoặc tổ chức nằm ngoài phạm vi bạn được xem.",
        "No such organisation, or outside what you may see.",
    ),
    c(
        "organisation.parent_inactive",
        "Tổ chức cấp trên không còn hoạt động.",
        "The parent organisation is not active.",
    ),
    c(
        "organisation.parent_required",
        "Cần chọn tổ chức cấp trên.",
        "Choose the parent organisation.",
    ),
    c(
        "organisation.province_mismatch",
        "Tổ chức phải cùng tỉnh với tổ chức cấp trên.",
        "An organisation must be in its parent's province.",
    ),
    c(
        "organisation.province_required",
        "Cần chọn tỉnh, thành phố.",
        "Choose the province.",
    ),
    c(
        "organisation.root_has_no_parent",
        "Cục không có tổ chức cấp trên.",
        "The national department has no parent.",
    ),
    c(
        "organisation.root_has_no_province",
        "Cục không thuộc tỉnh nào.",
        "The national department belongs to no province.",
    ),
    c(
        "organisation.status_unknown",
        "Giá trị không hợp lệ: trạng thái tổ chức.",
        "Not a valid organisation status.",
    ),
    c(
        "organisation.wrong_parent_kind",
        "Tổ chức cấp trên không đúng loại.",
        "The parent organisation is of the wrong kind.",
    ),
    c(
        "out_of_range",
        "Ngày phải trong khoảng từ ngày yêu cầu đến hôm nay.",
        "The date must be between the request date and today.",
    ),
    c(
        "party.not_found",
        "Không tìm thấy người liên quan, hoặc người liên quan nằm ngoài phạm vi bạn được xem.",
        "No such party, or outside what you may see.",
    ),
    c(
        "path.invalid",
        "Đường dẫn có tham số không hợp lệ.",
        "A path parameter is invalid.",
    ),
    c(
        "payload_too_large",
        "Dữ liệu gửi lên quá lớn.",
        "What was sent is too large.",
    ),
    c(
        "person.already_merged",
        "Một trong hai hồ sơ đã được gộp vào hồ sơ khác.",
        "One of the two records has already been merged into another.",
    ),
    c(
        "person.marked_distinct",
        "Hai hồ sơ đã được đánh dấu là hai người khác nhau.",
        "The two records were marked as two different people.",
    ),
    c(
        "person.merge_undone",
        "Việc gộp này đã được hoàn tác.",
        "This merge was already undone.",
    ),
    c(
        "person.merged_since",
        "Hồ sơ đã được gộp tiếp sau lần này; hãy hoàn tác lần gộp mới hơn trước.",
        "The record was merged again since; undo the newer merge first.",
    ),
    c(
        "person.not_found",
        "Không tìm thấy người, hoặc người nằm ngoài phạm vi bạn được xem.",
        "No such person, or outside what you may see.",
    ),
    c(
        "person.same_person",
        "Hai hồ sơ là một người: chọn hai hồ sơ khác nhau.",
        "Both records are the same: choose two different ones.",
    ),
    c(
        "person_merge.not_found",
        "Không tìm thấy lần gộp, hoặc lần gộp nằm ngoài phạm vi bạn được xem.",
        "No such merge, or outside what you may see.",
    ),
    c(
        "phone.invalid",
        "Số điện thoại không hợp lệ.",
        "Not a valid phone number.",
    ),
    c(
        "practitioner.already_left",
        "Người thực hiện đã nghỉ.",
        "The practitioner has already left.",
    ),
    c(
        "practitioner.card_number_invalid",
        "Số thẻ không hợp lệ.",
        "Not a valid card number.",
    ),
    c(
        "practitioner.card_number_taken",
        "Số thẻ đã được dùng.",
        "This card number is already used.",
    ),
    c(
        "practitioner.contract_period_inverted",
        "Hợp đồng kết thúc trước khi bắt đầu.",
        "The contract ends before it starts.",
    ),
    c(
        "practitioner.contract_required",
        "Cần ghi thời hạn hợp đồng.",
        "Give the contract period.",
    ),
    c(
        "practitioner.kind_unknown",
        "Giá trị không hợp lệ: loại người thực hiện.",
        "Not a valid practitioner kind.",
    ),
    c(
        "practitioner.not_found",
        "Không tìm thấy người thực hiện, hoặc người thực hiện nằm ngoài phạm vi bạn được xem.",
        "No such practitioner, or outside what you may see.",
    ),
    c(
        "practitioner.organisation_inactive",
        "Tổ chức không còn hoạt động.",
        "The organisation is not active.",
    ),
    c(
        "practitioner.status_unknown",
        "Giá trị không hợp lệ: trạng thái.",
        "Not a valid status.",
    ),
    c(
        "practitioner.wrong_organisation",
        "Loại người thực hiện này không làm việc cho loại tổ chức đã chọn.",
        "This kind of practitioner cannot work for that kind of organisation.",
    ),
    c(
        "privacy.already_answered",
        "Yêu cầu này đã được trả lời. Hãy tải lại danh sách.",
        "This request was answered already. Reload the list.",
    ),
    c(
        "privacy.anonymised",
        "Thông tin cá nhân của người này đã được xóa.",
        "This person's data was deleted already.",
    ),
    c(
        "privacy.answer_too_short",
        "Câu trả lời quá ngắn.",
        "The answer is too short.",
    ),
    c(
        "privacy.no_case_yet",
        "Trung tâm chưa tiếp nhận yêu cầu của bạn. Bạn có thể rút lại sự đồng ý, hoặc liên hệ Trung tâm.",
        "The centre has not taken your request in yet. You may withdraw your consent, or contact the centre.",
    ),
    c(
        "privacy.no_such_party",
        "Không có người này trong vụ việc.",
        "No such person in the case.",
    ),
    c(
        "privacy.nothing_to_correct",
        "Không có thông tin nào cần sửa.",
        "There is nothing to correct.",
    ),
    c(
        "privacy.wrong_kind",
        "Bước này không dùng để trả lời loại yêu cầu này.",
        "This step does not answer a request of this kind.",
    ),
    c(
        "province.invalid",
        "Mã tỉnh, thành phố không hợp lệ.",
        "Invalid province code.",
    ),
    c(
        "province.not_found",
        "Không tìm thấy tỉnh, thành phố, hoặc tỉnh, thành phố nằm ngoài phạm vi bạn được xem.",
        "No such province, or outside what you may see.",
    ),
    c(
        "province.unknown",
        "Tỉnh, thành phố không tồn tại.",
        "No such province.",
    ),
    c(
        "public.code_required",
        "Cần mã tra cứu.",
        "The tracking code is needed.",
    ),
    c(
        "public.consent_outdated",
        "Nội dung đồng ý đã được cập nhật; hãy đọc và đồng ý lại.",
        "The consent text has changed; read it and consent again.",
    ),
    c(
        "public.consent_required",
        "Cần đồng ý cho xử lý dữ liệu cá nhân để gửi yêu cầu.",
        "Consent to process the data is needed to send the request.",
    ),
    c(
        "public.honeypot",
        "Không nhận được biểu mẫu; hãy để trống các trường ẩn.",
        "The form could not be accepted; leave hidden fields empty.",
    ),
    c(
        "public.kind_not_listed",
        "Loại tổ chức này không có trong danh bạ.",
        "This kind of organisation is not in the directory.",
    ),
    c(
        "public.lookup_refused",
        "Mã và mật mã không khớp với yêu cầu nào. Hãy kiểm tra lại cả hai trên phiếu nhận.",
        "The code and secret do not match a request. Check both on your receipt.",
    ),
    c(
        "public.no_centre_in_province",
        "Tỉnh này chưa có Trung tâm nhận yêu cầu trực tuyến.",
        "No centre of this province takes online requests yet.",
    ),
    c(
        "public.no_such_centre",
        "Không có Trung tâm này.",
        "No such centre.",
    ),
    c(
        "public.no_such_organisation",
        "Không có tổ chức này.",
        "No such organisation.",
    ),
    c(
        "public.phone_required",
        "Cần số điện thoại để liên hệ.",
        "A phone number is needed.",
    ),
    c(
        "public.province_required",
        "Chọn tỉnh, thành phố của Trung tâm (mã vụ việc trùng nhau giữa các tỉnh).",
        "Choose the centre's province (case codes repeat across provinces).",
    ),
    c(
        "public.secret_required",
        "Cần mật mã trên phiếu nhận.",
        "The secret on the receipt is needed.",
    ),
    c(
        "query.invalid",
        "Tham số tìm kiếm hoặc lọc không hợp lệ.",
        "A query parameter is invalid.",
    ),
    c(
        "range",
        "Giá trị ngoài khoảng cho phép.",
        "Value out of range.",
    ),
    c(
        "rate_limited",
        "Bạn đã thử quá nhiều lần. Vui lòng đợi một lúc rồi thử lại.",
        "Too many attempts. Please wait a while and try again.",
    ),
    c(
        "record.not_found",
        "Không tìm thấy hồ sơ, hoặc hồ sơ nằm ngoài phạm vi bạn được xem.",
        "No such record, or outside what you may see.",
    ),
    c(
        "reference.not_found",
        "Không tìm thấy dữ liệu danh mục, hoặc dữ liệu danh mục nằm ngoài phạm vi bạn được xem.",
        "No such reference data, or outside what you may see.",
    ),
    c(
        "report.already_submitted",
        "Báo cáo kỳ này đã được gửi.",
        "The report for this period was already submitted.",
    ),
    c(
        "report.cell_unknown",
        "Biểu mẫu không có ô này.",
        "The form has no such cell.",
    ),
    c(
        "report.estimate_on_total",
        "Dòng tổng được cộng tự động: nhập số ước tính ở các dòng chi tiết.",
        "A total row is added up: enter the estimate on its detailed rows.",
    ),
    c(
        "report.estimate_too_large",
        "Số ước tính quá lớn.",
        "The estimate is too large.",
    ),
    c(
        "report.estimate_twice",
        "Một ô được ước tính hai lần.",
        "A cell is estimated twice.",
    ),
    c(
        "report.form_unknown",
        "Không có biểu mẫu này (chỉ biểu 24 hoặc 25).",
        "No such form (24 or 25).",
    ),
    c(
        "report.format_unknown",
        "Chỉ xuất được tệp Excel (xlsx) hoặc CSV.",
        "Export as Excel (xlsx) or CSV.",
    ),
    c(
        "report.nation_not_submitted",
        "Số liệu toàn quốc là tổng báo cáo của các tỉnh; không gửi riêng.",
        "The national figure is the sum of the provinces' reports; it is not submitted.",
    ),
    c(
        "report.no_estimate",
        "Kỳ này đã đủ số liệu thực tế: không có gì để ước tính.",
        "This period's figures are all actual: there is nothing to estimate.",
    ),
    c(
        "report.no_template",
        "Không có mẫu biểu có hiệu lực vào ngày này.",
        "No template of the form is in force on that day.",
    ),
    c(
        "report.period_dates_required",
        "Cần ngày bắt đầu và ngày kết thúc của kỳ.",
        "Give the period's first and last day.",
    ),
    c(
        "report.period_reversed",
        "Kỳ báo cáo kết thúc trước khi bắt đầu.",
        "The period ends before it begins.",
    ),
    c(
        "report.period_too_long",
        "Kỳ báo cáo quá dài.",
        "The period is too long.",
    ),
    c(
        "report.reason_required",
        "Cần ghi lý do (5 đến 1000 ký tự).",
        "Give the reason in 5 to 1000 characters.",
    ),
    c(
        "report.scope_unknown",
        "Giá trị không hợp lệ: phạm vi báo cáo.",
        "Not a valid report scope.",
    ),
    c(
        "report.submission_status_unknown",
        "Giá trị không hợp lệ: trạng thái báo cáo.",
        "Not a valid report status.",
    ),
    c(
        "report.superseded",
        "Báo cáo đã được thay bằng bản mới hơn.",
        "The report was superseded by a newer version.",
    ),
    c(
        "report.transition_not_allowed",
        "Trạng thái báo cáo không cho phép thao tác này.",
        "The report's state does not allow this act.",
    ),
    c(
        "report.year_invalid",
        "Năm phải trong khoảng 2000–2100.",
        "The year must be 2000–2100.",
    ),
    c(
        "report_submission.not_found",
        "Không tìm thấy báo cáo, hoặc báo cáo nằm ngoài phạm vi bạn được xem.",
        "No such report, or outside what you may see.",
    ),
    c("required", "Bắt buộc nhập.", "Required."),
    c(
        "role_not_for_organisation",
        "Vai trò này không thuộc loại tổ chức đã chọn.",
        "This role does not belong to that kind of organisation.",
    ),
    c(
        "route.not_found",
        "Không có địa chỉ này trong hệ thống.",
        "There is no such address.",
    ),
    c(
        "same_organisation",
        "Người thực hiện đã làm việc ở tổ chức này.",
        "The practitioner already works there.",
    ),
    c(
        "saved_view.name_taken",
        "Bạn đã có một bộ lọc đã lưu cùng tên cho danh sách này.",
        "You already have a saved view of this list with this name.",
    ),
    c(
        "saved_view.not_found",
        "Không có bộ lọc đã lưu này.",
        "No such saved view.",
    ),
    c(
        "saved_view.too_many",
        "Mỗi danh sách lưu được tối đa 50 bộ lọc: hãy xóa bớt một bộ lọc.",
        "At most 50 saved views per list: delete one first.",
    ),
    c(
        "service_account",
        "Tài khoản tích hợp dùng khóa API, không dùng mật khẩu.",
        "Service accounts use API keys, not passwords.",
    ),
    c(
        "service_unavailable",
        "Hệ thống đang tạm bận; vui lòng thử lại sau ít phút.",
        "The service is briefly unavailable; try again in a few minutes.",
    ),
    c(
        "storage.unavailable",
        "Kho tài liệu tạm thời không truy cập được; chưa có gì được lưu, hãy thử lại.",
        "The document store is briefly unavailable; nothing was saved, try again.",
    ),
    c(
        "subject_request.not_found",
        "Không tìm thấy yêu cầu về dữ liệu cá nhân, hoặc yêu cầu về dữ liệu cá nhân nằm ngoài phạm vi bạn được xem.",
        "No such personal-data request, or outside what you may see.",
    ),
    c(
        "text.control_character",
        "Văn bản chứa ký tự điều khiển không được phép.",
        "The text contains a control character.",
    ),
    c("text.too_long", "Văn bản quá dài.", "The text is too long."),
    c("too_long", "Quá dài.", "Too long."),
    c(
        "unchanged",
        "Mật khẩu mới phải khác mật khẩu hiện tại.",
        "The new password must differ from the current one.",
    ),
    c(
        "unknown_field",
        "Trường không được nhận.",
        "This field is not accepted.",
    ),
    c(
        "unsupported_media_type",
        "Kiểu dữ liệu gửi lên không được hỗ trợ.",
        "The content type is not supported.",
    ),
    c(
        "use_deactivate",
        "Để ghi nhận người thực hiện nghỉ, hãy dùng thao tác Cho nghỉ.",
        "To record that a practitioner left, use deactivate.",
    ),
    c(
        "user.not_found",
        "Không tìm thấy tài khoản, hoặc tài khoản nằm ngoài phạm vi bạn được xem.",
        "No such account, or outside what you may see.",
    ),
    c(
        "user.not_service_account",
        "Chỉ tài khoản tích hợp mới có khóa API.",
        "Only integration service accounts have API keys.",
    ),
    c(
        "user.password_common",
        "Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn các từ của riêng bạn.",
        "This password is too common and easy to guess; choose words of your own.",
    ),
    c(
        "user.password_guessable",
        "Mật khẩu này dễ bị đoán (chứa tên hoặc tên đăng nhập); hãy chọn các từ của riêng bạn.",
        "This password is easy to guess (it holds your name or username); choose words of your own.",
    ),
    c(
        "user.password_weak",
        "Mật khẩu cần ít nhất 12 ký tự; một câu ngắn dễ nhớ mà khó đoán.",
        "Use at least 12 characters; a short sentence is easy to remember and hard to guess.",
    ),
    c(
        "user.role_unknown",
        "Giá trị không hợp lệ: vai trò.",
        "Not a valid role.",
    ),
    c(
        "user.self_action",
        "Không thể thực hiện thao tác này với chính tài khoản của mình.",
        "You cannot do this to your own account.",
    ),
    c(
        "user.service_account",
        "Tài khoản tích hợp không đăng nhập bằng mật khẩu.",
        "Integration service accounts do not log in with a password.",
    ),
    c(
        "user.status_unknown",
        "Giá trị không hợp lệ: trạng thái tài khoản.",
        "Not a valid account status.",
    ),
    c(
        "user.username_invalid",
        "Tên đăng nhập không hợp lệ.",
        "The username is invalid.",
    ),
    c(
        "user.username_taken",
        "Tên đăng nhập đã tồn tại.",
        "This username is taken.",
    ),
    c(
        "validation_failed",
        "Vui lòng sửa các trường được đánh dấu.",
        "Please correct the marked fields.",
    ),
    c(
        "version_mismatch",
        "Người khác vừa sửa hồ sơ này. Tải lại để xem bản mới; dữ liệu bạn nhập vẫn được giữ.",
        "Someone else edited this record. Reload to see their version; what you typed is kept.",
    ),
    c(
        "version_overlaps",
        "Một phiên bản khác của diện này đang có hiệu lực trong những ngày đó; hãy kết thúc phiên bản đó trước hoặc chọn thay thế phiên bản đang áp dụng.",
        "Another version of this category is in force on those days; end it first or choose to supersede it.",
    ),
    c(
        "version_required",
        "Thiếu phiên bản hồ sơ; tải lại rồi thử lại.",
        "The record version is missing; reload and try again.",
    ),
    c(
        "webhook.event_type_unknown",
        "Loại sự kiện không tồn tại; chọn trong danh sách loại sự kiện của vụ việc.",
        "Unknown event type; choose among the case event types.",
    ),
    c(
        "webhook.inactive",
        "Đăng ký webhook này đã bị xóa; hãy tạo đăng ký mới.",
        "This webhook subscription was deleted; create a new one.",
    ),
    c(
        "webhook.not_found",
        "Không tìm thấy đăng ký webhook, hoặc nằm ngoài phạm vi bạn được xem.",
        "No such webhook subscription, or outside what you may see.",
    ),
    c(
        "webhook.url_invalid",
        "Địa chỉ nhận phải là URL đầy đủ bắt đầu bằng https:// hoặc http://.",
        "The receiving address must be an absolute URL starting with https:// or http://.",
    ),
    c(
        "wrong",
        "Mật khẩu hiện tại không đúng.",
        "The current password is wrong.",
    ),
];

/// The code's entry.
pub fn lookup(code: &str) -> Option<&'static ErrorCode> {
    CODES
        .binary_search_by(|e| e.code.cmp(code))
        .ok()
        .and_then(|i| CODES.get(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_says_itself_in_vietnamese_and_english() {
        for w in CODES.windows(2) {
            assert!(
                w[0].code < w[1].code,
                "sorted and unique: {} {}",
                w[0].code,
                w[1].code
            );
        }
        for e in CODES {
            assert!(
                e.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'.'),
                "{}",
                e.code
            );
            assert!(
                !e.vi.trim().is_empty() && !e.en.trim().is_empty(),
                "{}",
                e.code
            );
            // Vietnamese text is written with its diacritics.
            assert!(!e.vi.is_ascii(), "{}: {}", e.code, e.vi);
            assert_ne!(e.vi, e.en, "{}", e.code);
        }
        assert_eq!(
            lookup("case.transition_not_allowed").map(|e| e.code),
            Some("case.transition_not_allowed")
        );
        assert!(lookup("no.such_code").is_none());
    }
}
