"""Interface labels in English and Vietnamese, and the language-aware reading of translated data columns.

Translations are stored here and in the data's *_vi columns; nothing is machine-translated at run time.
"""

from __future__ import annotations

import numbers
import string
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd
from babel import Locale
from babel.numbers import format_decimal

LANGUAGES: dict[str, str] = {"en": "English", "vi": "Tiếng Việt"}
DEFAULT_LANGUAGE = "en"

CATALOGUE: dict[str, dict[str, str]] = {
    # shell and sidebar
    "app_name": {"en": "TechRift", "vi": "TechRift"},
    "loading_dataset": {"en": "Loading the dataset…", "vi": "Đang tải bộ dữ liệu…"},
    "language": {"en": "Language", "vi": "Ngôn ngữ"},
    # The switch is labelled in both languages, so that either reader finds it.
    "language_switch": {"en": "Language · Ngôn ngữ", "vi": "Language · Ngôn ngữ"},
    "filters": {"en": "Filters", "vi": "Bộ lọc"},
    "years": {"en": "Years", "vi": "Năm"},
    "years_help": {
        "en": "Events and amounts whose dates overlap this range.",
        "vi": "Sự kiện và khoản tiền có thời gian giao với khoảng này.",
    },
    "companies": {"en": "Companies", "vi": "Công ty"},
    "all_companies": {"en": "All companies", "vi": "Tất cả công ty"},
    "countries": {"en": "Countries", "vi": "Quốc gia"},
    "all_countries": {"en": "All countries", "vi": "Tất cả quốc gia"},
    "share_hint": {
        "en": "Filters apply to every view and are kept in the address bar: copy it to share the view.",
        "vi": "Bộ lọc áp dụng cho mọi trang và được lưu trên thanh địa chỉ: sao chép để chia sẻ đúng góc nhìn này.",
    },
    # notices about a link's values that cannot be used
    "notice_language": {
        "en": "Language “{value}” is not available; showing English.",
        "vi": "Không có ngôn ngữ “{value}”; đang hiển thị tiếng Anh.",
    },
    "notice_unknown_choice": {
        "en": "Link value “{value}” for {what} is not known; showing {default}.",
        "vi": "Giá trị “{value}” trong liên kết không hợp lệ cho mục {what}; đang hiển thị {default}.",
    },
    "notice_unknown": {
        "en": "Unknown {what} {values} ignored.",
        "vi": "Đã bỏ qua {what} không có trong dữ liệu: {values}.",
    },
    "notice_not_a_switch": {
        "en": "Link value “{value}” for {what} is not 1 or 0; using the default.",
        "vi": "Giá trị “{value}” trong liên kết cho mục {what} không phải 1 hoặc 0; dùng giá trị mặc định.",
    },
    "notice_years_form": {
        "en": "Year range “{value}” is not of the form 2019-2021; showing all years.",
        "vi": "Khoảng năm “{value}” không đúng dạng 2019-2021; đang hiển thị tất cả các năm.",
    },
    "notice_years_outside": {
        "en": "Year range {start}–{end} is outside the data ({first}–{last}); showing all years.",
        "vi": "Khoảng năm {start}–{end} nằm ngoài dữ liệu ({first}–{last}); đang hiển thị tất cả các năm.",
    },
    "notice_years_narrowed": {
        "en": "Year range {start}–{end} was narrowed to the data's {first}–{last}.",
        "vi": "Khoảng năm {start}–{end} đã được thu hẹp theo dữ liệu: {first}–{last}.",
    },
    "notice_too_long": {
        "en": "The “{name}” link parameter is too long ({length} characters) and was ignored.",
        "vi": "Tham số “{name}” trong liên kết quá dài ({length} ký tự) nên đã bị bỏ qua.",
    },
    "link_company": {"en": "company", "vi": "công ty"},
    "link_country": {"en": "country", "vi": "quốc gia"},
    "empty_state": {
        "en": "Widen the year range or clear the company and country filters in the sidebar.",
        "vi": "Hãy mở rộng khoảng năm hoặc bỏ bộ lọc công ty và quốc gia ở thanh bên.",
    },
    "download_rows": {"en": "Download these rows (CSV)", "vi": "Tải các dòng này (CSV)"},
    "chart_unavailable": {
        "en": "This chart cannot be shown: the app could not load its charting library (plotly.js).",
        "vi": "Không thể hiển thị biểu đồ này: ứng dụng không tải được thư viện vẽ biểu đồ (plotly.js).",
    },
    "chart_failed": {
        "en": "This chart could not be drawn. The rest of the page still works.",
        "vi": "Không vẽ được biểu đồ này. Phần còn lại của trang vẫn hoạt động.",
    },
    "sources": {"en": "Sources", "vi": "Nguồn"},
    "entry": {"en": "entry", "vi": "mục nguồn"},
    "date_not_given": {"en": "date not given", "vi": "không rõ ngày"},
    "seed_full_text": {"en": "seed article, full text on the Sources page", "vi": "bài gốc, toàn văn ở trang Nguồn"},
    "seed_fragment": {"en": "Seed fragment", "vi": "Trích đoạn bài gốc"},
    "verbatim": {"en": "Vietnamese, verbatim", "vi": "tiếng Việt, nguyên văn"},
    "english": {"en": "English", "vi": "Tiếng Anh"},
    # dates
    "precision_day": {"en": "exact day", "vi": "chính xác tới ngày"},
    "precision_month": {"en": "known to the month", "vi": "chỉ biết tháng"},
    "precision_year": {"en": "known to the year", "vi": "chỉ biết năm"},
    "date_unknown": {"en": "date unknown", "vi": "không rõ ngày"},
    "not_given": {"en": "not given", "vi": "không rõ"},
    # kinds of event (schema.EVENT_CATEGORIES)
    "category_tie_cut": {"en": "Ties cut", "vi": "Cắt quan hệ"},
    "category_tie_suspended": {"en": "New ties suspended", "vi": "Ngừng quan hệ mới"},
    "category_tie_review": {"en": "Ties under review", "vi": "Xem xét lại quan hệ"},
    "category_partnership": {"en": "Partnership", "vi": "Hợp tác"},
    "category_lab_opened": {"en": "Lab opened", "vi": "Mở phòng thí nghiệm"},
    "category_lab_closed": {"en": "Lab closed", "vi": "Đóng phòng thí nghiệm"},
    "category_scale_back": {"en": "Research scaled back", "vi": "Thu hẹp nghiên cứu"},
    "category_market_exit": {"en": "Market exit", "vi": "Rút khỏi thị trường"},
    "category_deal": {"en": "Deal", "vi": "Thỏa thuận"},
    "category_visit": {"en": "Visit", "vi": "Chuyến thăm"},
    "category_product_launch": {"en": "Product launch", "vi": "Ra mắt sản phẩm"},
    "category_milestone": {"en": "Milestone", "vi": "Cột mốc"},
    "category_policy": {"en": "Policy", "vi": "Chính sách"},
    "category_statement": {"en": "Statement", "vi": "Phát biểu"},
    # timeline page
    "side_west": {"en": "Western universities step back", "vi": "Các trường phương Tây lùi lại"},
    "side_russia": {"en": "Huawei in Russia", "vi": "Huawei ở Nga"},
    "side_context": {"en": "Context", "vi": "Bối cảnh"},
    "timeline_legend": {
        "en": "Kind of action (shaded span = date known only to the month or year)",
        "vi": "Loại hành động (dải mờ = chỉ biết tháng hoặc năm)",
    },
    "timeline_title": {"en": "Doors close in the US, doors open in Russia", "vi": "Cửa đóng ở Mỹ, cửa mở ở Nga"},
    "timeline_intro": {
        "en": "Each row is an institution. Top: Western universities that cut, suspended or reviewed research ties with Huawei. "
        "Bottom: the ties Huawei built in Russia in the same months. A marker is a date known to the day; a shaded "
        "span covers the whole month, year or period when that is all the sources say. Click a mark for its details.",
        "vi": "Mỗi hàng là một cơ sở. Phía trên: các trường phương Tây đã cắt, tạm ngừng hoặc xem xét lại quan hệ nghiên cứu với "
        "Huawei. Phía dưới: các quan hệ Huawei xây dựng ở Nga trong cùng những tháng đó. Điểm đánh dấu là ngày chính xác; "
        "dải mờ phủ cả tháng, năm hoặc giai đoạn khi nguồn chỉ cho biết đến thế. Nhấp vào một mốc để xem chi tiết.",
    },
    "kind_of_action": {"en": "Kind of action", "vi": "Loại hành động"},
    "all_kinds": {"en": "All kinds", "vi": "Tất cả các loại"},
    "timeline_empty": {
        "en": "No event of the pivot matches these filters.",
        "vi": "Không có sự kiện nào khớp với bộ lọc này.",
    },
    "details_for": {"en": "Details for", "vi": "Chi tiết của"},
    "picker_limited": {
        "en": "The list offers the first {shown:,} of {total:,}; a click on the chart or a link picks any of them.",
        "vi": "Danh sách chỉ có {shown:,} mục đầu trong {total:,}; nhấp vào biểu đồ hoặc dùng liên kết để chọn bất kỳ mục nào.",
    },
    "choose_event": {"en": "Choose an event (or click a mark)…", "vi": "Chọn một sự kiện (hoặc nhấp vào một mốc)…"},
    "events_table": {"en": "The same events as a table", "vi": "Các sự kiện trên dưới dạng bảng"},
    "undated_events": {
        "en": "Events with no known date (not drawn): {titles}",
        "vi": "Sự kiện không rõ ngày (không vẽ): {titles}",
    },
    # table headers (ui/tables.py): col_<column> for every column a page's table shows
    "col_date": {"en": "date", "vi": "ngày"},
    "col_precision": {"en": "precision", "vi": "độ chính xác"},
    "col_side": {"en": "side", "vi": "phía"},
    "col_lane": {"en": "institution or party", "vi": "cơ sở hoặc bên liên quan"},
    "col_action": {"en": "action", "vi": "hành động"},
    "col_title": {"en": "title", "vi": "tiêu đề"},
    "col_identification": {"en": "identification", "vi": "nhận diện"},
    "col_support": {"en": "support", "vi": "mức kiểm chứng"},
    "col_sources": {"en": "sources", "vi": "nguồn"},
    "col_event_id": {"en": "event id", "vi": "mã sự kiện"},
    "col_payer": {"en": "payer", "vi": "bên chi"},
    "col_recipient": {"en": "recipient", "vi": "bên nhận"},
    "col_amount": {"en": "amount", "vi": "số tiền"},
    "col_currency": {"en": "currency", "vi": "tiền tệ"},
    "col_meaning": {"en": "meaning", "vi": "ý nghĩa"},
    "col_label": {"en": "as written", "vi": "cách ghi"},
    "col_years": {"en": "years", "vi": "năm"},
    "col_status": {"en": "status", "vi": "tình trạng"},
    "col_usd_equivalent": {"en": "USD equivalent", "vi": "quy đổi USD"},
    "col_usd_note": {"en": "conversion note", "vi": "ghi chú quy đổi"},
    "col_description": {"en": "description", "vi": "mô tả"},
    "col_flow_id": {"en": "amount id", "vi": "mã khoản tiền"},
    "col_subject": {"en": "subject", "vi": "đối tượng"},
    "col_figure": {"en": "figure", "vi": "chỉ số"},
    "col_value": {"en": "value", "vi": "giá trị"},
    "col_unit": {"en": "unit", "vi": "đơn vị"},
    "col_as_stated": {"en": "as stated", "vi": "theo nguồn"},
    "col_kind": {"en": "kind", "vi": "loại"},
    "col_year": {"en": "year", "vi": "năm"},
    "col_within_years": {"en": "within (years)", "vi": "trong vòng (năm)"},
    "col_metric_id": {"en": "figure id", "vi": "mã chỉ số"},
    "col_source_id": {"en": "source id", "vi": "mã nguồn"},
    "col_publisher": {"en": "publisher", "vi": "nơi đăng"},
    "col_language": {"en": "language", "vi": "ngôn ngữ"},
    "col_table": {"en": "table", "vi": "bảng"},
    "col_record_id": {"en": "record id", "vi": "mã bản ghi"},
    "col_quote_id": {"en": "fragment id", "vi": "mã trích đoạn"},
    "col_record_table": {"en": "table", "vi": "bảng"},
    "col_text": {"en": "fragment (verbatim)", "vi": "trích đoạn (nguyên văn)"},
    "col_text_en": {"en": "English translation", "vi": "bản dịch tiếng Anh"},
    "col_name": {"en": "full name", "vi": "tên đầy đủ"},
    "col_on_map": {"en": "on the map", "vi": "tên trên bản đồ"},
    "col_city": {"en": "city", "vi": "thành phố"},
    "col_events": {"en": "ties recorded", "vi": "số quan hệ"},
    "col_approximate": {"en": "≈", "vi": "≈"},
    # the tables of the dataset, as the Sources page names a citing record's table
    "table_events": {"en": "events", "vi": "sự kiện"},
    "table_flows": {"en": "amounts", "vi": "khoản tiền"},
    "table_metrics": {"en": "figures", "vi": "số liệu"},
    "table_stances": {"en": "stances", "vi": "lập trường"},
    "table_places": {"en": "places", "vi": "địa điểm"},
    # kinds of source (schema.SOURCE_KINDS)
    "source_kind_seed": {"en": "seed article", "vi": "bài gốc"},
    "source_kind_reporting": {"en": "reporting", "vi": "tin tức"},
    "source_kind_secondary": {"en": "secondary report", "vi": "bài tổng hợp thứ cấp"},
    "source_kind_aggregator": {"en": "aggregator", "vi": "trang tổng hợp"},
    "source_kind_analysis": {"en": "analysis", "vi": "phân tích"},
    "source_kind_institutional": {"en": "institutional", "vi": "văn bản của tổ chức"},
    "source_kind_gazetteer": {"en": "gazetteer", "vi": "danh bạ địa danh"},
    # funding page
    "million": {"en": "million", "vi": "triệu"},
    "billion": {"en": "billion", "vi": "tỷ"},
    "year": {"en": "Year", "vi": "Năm"},
    "year_unknown": {"en": "year unknown", "vi": "không rõ năm"},
    "until_year": {"en": "until {year}", "vi": "đến {year}"},
    "amount_per_year": {"en": "{amount} a year", "vi": "{amount} mỗi năm"},
    "amount_one_off": {"en": "{amount} one-off", "vi": "{amount} một lần"},
    "amount_cap_per_project": {"en": "up to {amount} per project", "vi": "tối đa {amount} mỗi dự án"},
    "amount_total": {"en": "{amount} in total", "vi": "tổng cộng {amount}"},
    "amount_charge": {"en": "{amount} charge", "vi": "chi phí ghi nhận {amount}"},
    "amount_forgone_sales": {"en": "{amount} of sales not shipped", "vi": "{amount} đơn hàng chưa giao được"},
    "kind_per_year": {"en": "Per year", "vi": "Mỗi năm"},
    "kind_one_off": {"en": "One-off", "vi": "Một lần"},
    "kind_cap_per_project": {"en": "Cap per project", "vi": "Mức trần mỗi dự án"},
    "kind_total": {"en": "Total over a period", "vi": "Tổng trong một giai đoạn"},
    "kind_charge": {"en": "Charge against earnings", "vi": "Chi phí ghi nhận vào kết quả kinh doanh"},
    "kind_forgone_sales": {"en": "Sales not shipped", "vi": "Đơn hàng chưa giao được"},
    "status_paid": {"en": "paid", "vi": "đã chi"},
    "status_budgeted": {"en": "budgeted", "vi": "ngân sách dự kiến"},
    "status_offered": {"en": "offered", "vi": "đề nghị"},
    "status_declined": {"en": "declined", "vi": "bị từ chối"},
    "status_honoured": {"en": "honoured (existing agreements)", "vi": "tiếp tục thực hiện (thỏa thuận cũ)"},
    "status_charged": {"en": "charged", "vi": "đã ghi nhận chi phí"},
    "status_not_shipped": {"en": "not shipped", "vi": "chưa giao hàng"},
    "status_reported_claim": {"en": "reported claim", "vi": "tuyên bố được đưa tin"},
    "notice_support": {
        "en": "The support filter “{value}” is not known; showing every record (use support=well for well-supported only).",
        "vi": "Bộ lọc mức kiểm chứng “{value}” không hợp lệ; đang hiển thị mọi bản ghi (dùng support=well để chỉ xem bản ghi được kiểm chứng tốt).",
    },
    "well_supported_only": {"en": "Well-supported records only", "vi": "Chỉ bản ghi được kiểm chứng tốt"},
    "well_supported_help": {
        "en": "Keep only records backed by at least two independent sources (distinct outlets; mirrors and aggregators not counted).",
        "vi": "Chỉ giữ các bản ghi có ít nhất hai nguồn độc lập (các cơ quan báo chí khác nhau; không tính bản sao và trang tổng hợp).",
    },
    "support": {"en": "Support", "vi": "Mức kiểm chứng"},
    "support_sources": {"en": "{count} independent sources", "vi": "{count} nguồn độc lập"},
    "support_sources_one": {"en": "1 independent source", "vi": "1 nguồn độc lập"},  # by t's plural rule
    "support_aggregator_only": {"en": "aggregators only", "vi": "chỉ có trang tổng hợp"},
    "support_seed_only": {"en": "rests on a seed article alone", "vi": "chỉ dựa vào bài báo gốc"},
    "support_approximate_date": {"en": "date approximate", "vi": "thời điểm gần đúng"},
    "support_approximate_place": {"en": "place approximate", "vi": "vị trí gần đúng"},
    "support_inferred": {"en": "identification inferred", "vi": "danh tính được suy luận"},
    "support_nature_reported_claim": {"en": "a reported claim", "vi": "thông tin được đưa tin"},
    "support_nature_estimate": {"en": "an estimate", "vi": "một ước tính"},
    "support_nature_target": {"en": "a target", "vi": "một mục tiêu"},
    "notice_data_changed": {
        "en": "This link was made with data version {linked}; the data is now version {version}, so some figures may differ. See [what changed](sources#{anchor}).",
        "vi": "Đường liên kết này được tạo với phiên bản dữ liệu {linked}; dữ liệu hiện là phiên bản {version}, nên một số con số có thể khác. Xem [những gì đã thay đổi](sources#{anchor}).",
    },
    "data_version_footer": {
        "en": "TechRift · data version {version}, as of {data_as_of} · [what changed](sources#{anchor})",
        "vi": "TechRift · phiên bản dữ liệu {version}, cập nhật đến {data_as_of} · [những gì đã thay đổi](sources#{anchor})",
    },
    "data_version": {
        "en": "Data version {version}, as of {data_as_of}.",
        "vi": "Phiên bản dữ liệu {version}, cập nhật đến {data_as_of}.",
    },
    "cite_this_view": {"en": "Cite this view", "vi": "Trích dẫn nội dung đang xem"},
    "cite_reference": {"en": "Reference", "vi": "Tài liệu tham khảo"},
    "cite_bibtex": {"en": "BibTeX", "vi": "BibTeX"},
    "cite_sources": {
        "en": "Sources behind the records shown ({count})",
        "vi": "Các nguồn của những bản ghi đang hiển thị ({count})",
    },
    "citation_view": {
        "en": "interactive data view; data version {version}, data as of {data_as_of}",
        "vi": "giao diện dữ liệu tương tác; phiên bản dữ liệu {version}, dữ liệu tính đến {data_as_of}",
    },
    "citation_accessed": {"en": "accessed {date}", "vi": "truy cập ngày {date}"},
    "citation_no_date": {"en": "n.d.", "vi": "không ghi ngày"},
    "changelog_title": {"en": "Data versions: what changed", "vi": "Các phiên bản dữ liệu: những gì đã thay đổi"},
    "qualifier_about": {"en": "about {value}", "vi": "khoảng {value}"},
    "qualifier_more_than": {"en": "more than {value}", "vi": "hơn {value}"},
    "qualifier_at_least": {"en": "at least {value}", "vi": "ít nhất {value}"},
    "qualifier_up_to": {"en": "up to {value}", "vi": "tối đa {value}"},
    "estimates_not_drawn": {
        "en": "Not drawn: estimates, not money spent or booked ({count}). The table below lists them.",
        "vi": "Không vẽ trên biểu đồ: các khoản ước tính, chưa chi hoặc chưa ghi nhận ({count}). Bảng bên dưới liệt kê các khoản này.",
    },
    "status_contracted": {"en": "contract value", "vi": "giá trị hợp đồng"},
    "status_expected": {"en": "expected (an estimate, not booked)", "vi": "dự kiến (ước tính, chưa ghi nhận)"},
    "group_payer": {"en": "Payer", "vi": "Bên chi"},
    "group_recipient": {"en": "Recipient", "vi": "Bên nhận"},
    "group_year": {"en": "Year", "vi": "Năm"},
    "group_status": {"en": "Status", "vi": "Tình trạng"},
    "metric_target": {"en": "target", "vi": "mục tiêu"},
    "metric_measure": {"en": "measure", "vi": "số liệu"},
    "metric_claim": {"en": "claim", "vi": "tuyên bố"},
    "funding_title": {
        "en": "The money, never adding apples to oranges",
        "vi": "Dòng tiền: không cộng gộp những khoản khác bản chất",
    },
    "funding_intro": {
        "en": "Each bar is one amount from one source; nothing is added up. Amounts that mean different things (a yearly "
        "budget, a cap per project, a total over years, a charge) sit in separate panels with their own axes, and "
        "each keeps its currency. Hatched bars are not money paid: offered, budgeted, declined or a reported claim.",
        "vi": "Mỗi cột là một khoản tiền từ một nguồn; không có gì được cộng dồn. Các khoản mang ý nghĩa khác nhau (ngân sách "
        "hằng năm, mức trần mỗi dự án, tổng nhiều năm, chi phí ghi nhận) nằm ở các ô riêng với trục riêng, và giữ nguyên đơn vị "
        "tiền tệ. Cột gạch chéo không phải tiền đã chi: đề nghị, ngân sách, bị từ chối hoặc tuyên bố được đưa tin.",
    },
    "colour_by": {"en": "Colour and order bars by", "vi": "Tô màu và sắp xếp cột theo"},
    "log_scale": {
        "en": "Log scale (amounts differ by orders of magnitude)",
        "vi": "Thang logarit (các khoản chênh nhau nhiều bậc)",
    },
    "funding_empty": {
        "en": "No money flow matches these filters.",
        "vi": "Không có dòng tiền nào khớp với bộ lọc này.",
    },
    "choose_flow": {"en": "Choose an amount (or click a bar)…", "vi": "Chọn một khoản (hoặc nhấp vào một cột)…"},
    "flows_table": {"en": "The amounts shown", "vi": "Các khoản được hiển thị"},
    "skoltech_title": {
        "en": "Skoltech and Huawei: research contracts over time",
        "vi": "Skoltech và Huawei: số hợp đồng nghiên cứu theo thời gian",
    },
    "targets_title": {
        "en": "Targets and other figures that are not money",
        "vi": "Mục tiêu và các con số không phải tiền",
    },
    "targets_intro": {
        "en": "Counts of people, vendors, universities and contracts, each with its own unit: never on a money axis.",
        "vi": "Số người, nhà cung cấp, trường đại học và hợp đồng, mỗi loại một đơn vị riêng: không bao giờ đặt trên trục tiền.",
    },
    "within_years": {"en": "within {years} years ({year})", "vi": "trong {years} năm ({year})"},
    "map_most_tied": {
        "en": "The map draws the {shown:,} places with the most ties of {total:,}; the list beside it has them all.",
        "vi": "Bản đồ vẽ {shown:,} địa điểm có nhiều liên kết nhất trong {total:,}; danh sách bên cạnh có đủ tất cả.",
    },
    "same_mark": {
        "en": "{count} more on the same dates, in the same mark:",
        "vi": "Thêm {count} sự kiện cùng thời điểm, chung một dấu:",
    },
    "more_events": {
        "en": "and {count} more (every event is in the table below)",
        "vi": "và {count} sự kiện khác (mọi sự kiện đều có trong bảng bên dưới)",
    },
    "same_lifetime": {
        "en": "and {count} more labs over the same years on this line",
        "vi": "và {count} phòng thí nghiệm khác cùng những năm này trên đường này",
    },
    "same_bar": {
        "en": "{count} records give this value for this year",
        "vi": "{count} bản ghi cho cùng giá trị này trong năm này",
    },
    "more_amounts": {"en": "{count} more in the table", "vi": "còn {count} khoản trong bảng"},
    "more_targets": {
        "en": "{count} more targets are in the table below.",
        "vi": "Còn {count} mục tiêu khác trong bảng bên dưới.",
    },
    "more_figures": {
        "en": "{count} more figures not shown: lab openings and closings are in the moves table below, counts on the Funding page.",
        "vi": "Còn {count} số liệu không hiển thị: việc mở và đóng phòng thí nghiệm có trong bảng bên dưới, các số đếm ở trang Tài trợ.",
    },
    "largest_of": {
        "en": "the {shown} largest of {total}; all are in the table",
        "vi": "{shown} khoản lớn nhất trong {total}; tất cả có trong bảng",
    },
    "converted": {"en": "Converted", "vi": "Quy đổi"},
    # comparison page
    "compare_title": {
        "en": "{a} vs {b} in China: two strategies side by side",
        "vi": "{a} và {b} ở Trung Quốc: hai chiến lược song song",
    },
    "compare_intro": {
        "en": "Row by row on the same dimensions, each cell a sourced statement from the data, with the seed's own words where "
        "there are some. No scores: where the sources say nothing, the cell says so.",
        "vi": "Từng dòng trên cùng các tiêu chí, mỗi ô là một nhận định có nguồn trong dữ liệu, kèm nguyên văn bài gốc nếu có. "
        "Không chấm điểm: khi nguồn không nói gì, ô ghi rõ như vậy.",
    },
    "company_a": {"en": "First company", "vi": "Công ty thứ nhất"},
    "company_b": {"en": "Second company", "vi": "Công ty thứ hai"},
    "same_company_twice": {
        "en": "{company} was chosen twice; comparing it with {other}.",
        "vi": "{company} được chọn hai lần; so sánh với {other}.",
    },
    "no_statement": {"en": "No sourced statement in the data.", "vi": "Dữ liệu không có nhận định có nguồn."},
    "compare_filtered_out": {
        "en": "The company filter in the sidebar leaves out {companies}; the comparison still shows them, the moves below follow the filter.",
        "vi": "Bộ lọc công ty ở thanh bên loại {companies}; bảng so sánh vẫn hiển thị, còn các động thái bên dưới theo bộ lọc.",
    },
    "compare_moves": {
        "en": "Moves in China on one date axis",
        "vi": "Các động thái ở Trung Quốc trên cùng trục thời gian",
    },
    "compare_no_moves": {
        "en": "No move of these two companies matches the filters.",
        "vi": "Không có động thái nào của hai công ty khớp với bộ lọc.",
    },
    "compare_key_figures": {"en": "Key figures", "vi": "Số liệu chính"},
    "compare_no_rows": {
        "en": "Neither company has a sourced stance dated within the year range.",
        "vi": "Không công ty nào có nhận định có nguồn trong khoảng năm này.",
    },
    "lab_years": {"en": "Years {lab} ran", "vi": "Số năm {lab} hoạt động"},
    "about": {"en": "about {value}", "vi": "khoảng {value}"},
    "download_comparison": {"en": "Download the comparison (CSV)", "vi": "Tải bảng so sánh (CSV)"},
    "dimension_research_presence": {"en": "Research presence in China", "vi": "Hiện diện nghiên cứu ở Trung Quốc"},
    "dimension_talent": {"en": "Stance on Chinese talent", "vi": "Quan điểm về nhân tài Trung Quốc"},
    "dimension_market_footprint": {"en": "Cloud or market footprint", "vi": "Quy mô đám mây hoặc thị trường"},
    "dimension_exits_entries": {"en": "Exits and entries", "vi": "Rút lui và gia nhập"},
    "dimension_export_controls": {"en": "Export-control exposure", "vi": "Mức chịu tác động của kiểm soát xuất khẩu"},
    "dimension_messaging": {"en": "How it explains itself", "vi": "Cách công ty giải thích"},
    "dimension_signal": {"en": "What the latest move signals", "vi": "Động thái mới nhất cho thấy điều gì"},
    # map page
    "coord_city": {"en": "≈ city centre, not the campus", "vi": "≈ trung tâm thành phố, không phải khuôn viên"},
    "coord_district": {"en": "≈ district, not the campus", "vi": "≈ khu vực, không phải khuôn viên"},
    "huawei_site": {
        "en": "Huawei site (R&D centre or headquarters)",
        "vi": "Cơ sở của Huawei (trung tâm R&D hoặc trụ sở)",
    },
    "map_title": {"en": "Huawei's partners in Russia", "vi": "Các đối tác của Huawei ở Nga"},
    "map_intro": {
        "en": "Each point is a Russian university or institute with a recorded tie to Huawei, coloured by its strongest named kind "
        "of tie and sized by how many ties a source names (money, where known, is in the tooltip: amounts of different "
        "kinds are never turned into one size). Arcs join each partner to Huawei's headquarters and to a Huawei R&D site "
        "in the same city where there is one: a geographic link, not a reported reporting line. The map draws its own "
        "country outlines and needs no internet.",
        "vi": "Mỗi điểm là một trường đại học hoặc viện của Nga có quan hệ với Huawei được ghi nhận, tô màu theo loại quan hệ mạnh "
        "nhất được nêu tên và có kích thước theo số quan hệ mà nguồn nêu tên (tiền, nếu biết, nằm trong chú giải nổi: các khoản khác loại không "
        "bao giờ được quy thành một kích thước). Các cung nối mỗi đối tác với trụ sở Huawei và với cơ sở R&D của Huawei trong "
        "cùng thành phố nếu có: đây là liên kết địa lý, không phải quan hệ quản lý được đưa tin. Bản đồ tự vẽ đường biên "
        "quốc gia và không cần internet.",
    },
    "map_view": {"en": "View", "vi": "Góc nhìn"},
    "view_russia": {"en": "Russia", "vi": "Nga"},
    "view_world": {"en": "World: both sides of the story", "vi": "Thế giới: cả hai phía câu chuyện"},
    "map_empty": {
        "en": "No Huawei partner in Russia matches these filters.",
        "vi": "Không có đối tác nào của Huawei ở Nga khớp với bộ lọc.",
    },
    "map_legend": {
        "en": "Colour: kind of tie. Size: number of ties a source names. Grey points: Huawei sites.",
        "vi": "Màu: loại quan hệ. Kích thước: số quan hệ được nguồn nêu tên. Điểm xám: cơ sở của Huawei.",
    },
    "institutions_in_view": {"en": "Institutions on the map", "vi": "Các cơ sở trên bản đồ"},
    "institution": {"en": "Institution", "vi": "Cơ sở"},
    "choose_place": {
        "en": "Choose an institution (or click a point)…",
        "vi": "Chọn một cơ sở (hoặc nhấp vào một điểm)…",
    },
    "place_events": {"en": "What happened there", "vi": "Những gì đã diễn ra"},
    "place_money": {"en": "Money", "vi": "Tiền"},
    # briefing
    "briefing_title": {
        "en": "TechRift briefing: the US–China rift in research ties",
        "vi": "Bản tóm tắt TechRift: rạn nứt Mỹ–Trung trong quan hệ nghiên cứu",
    },
    "briefing_step": {"en": "Step {number} of {total}", "vi": "Bước {number}/{total}"},
    "briefing_previous": {"en": "Previous", "vi": "Trước"},
    "briefing_next": {"en": "Next", "vi": "Tiếp"},
    "briefing_jump": {"en": "Jump to step", "vi": "Chuyển đến bước"},
    "briefing_download": {
        "en": "Download this briefing as one HTML file (works offline)",
        "vi": "Tải bản tóm tắt thành một tệp HTML (dùng được khi không có mạng)",
    },
    "briefing_export_note": {
        "en": "Exported from TechRift. Every figure is in the dataset with its sources; charts work with no network.",
        "vi": "Xuất từ TechRift. Mọi con số đều có trong bộ dữ liệu kèm nguồn; biểu đồ chạy không cần mạng.",
    },
    "briefing_doors_close_title": {"en": "1. The doors close in the US", "vi": "1. Cánh cửa ở Mỹ đóng lại"},
    "briefing_doors_close_text": {
        "en": "{western} named Western universities cut, suspended or reviewed research ties with Huawei, most of them in the months around the US indictments of 28 January 2019.",
        "vi": "{western} trường đại học phương Tây được nêu tên đã cắt, tạm ngừng hoặc xem xét lại quan hệ nghiên cứu với Huawei, phần lớn trong những tháng quanh cáo trạng của Mỹ ngày 28/1/2019.",
    },
    "briefing_pivot_title": {
        "en": "2. In the same months, Huawei turns to Russia",
        "vi": "2. Cũng trong những tháng đó, Huawei chuyển hướng sang Nga",
    },
    "briefing_pivot_text": {
        "en": "While US doors closed, Huawei toured Russian universities, opened a joint lab with Skoltech and signed with MTS for 5G at the Kremlin in June 2019.",
        "vi": "Trong khi cửa ở Mỹ đóng lại, Huawei đi thăm các trường đại học Nga, mở phòng thí nghiệm chung với Skoltech và ký với MTS về 5G tại Điện Kremlin tháng 6/2019.",
    },
    "briefing_russia_map_title": {
        "en": "3. Where: Huawei's Russian partners",
        "vi": "3. Ở đâu: các đối tác Nga của Huawei",
    },
    "briefing_russia_map_text": {
        "en": "{russian} Russian universities and institutes are named as Huawei partners in the sources, from St Petersburg to Novosibirsk; the seed article counts at least eight.",
        "vi": "{russian} trường đại học và viện của Nga được nêu tên là đối tác của Huawei trong các nguồn, từ St Petersburg đến Novosibirsk; bài gốc nói ít nhất tám.",
    },
    "briefing_money_title": {
        "en": "4. The money, kept apart by what it means",
        "vi": "4. Dòng tiền, tách riêng theo ý nghĩa",
    },
    "briefing_money_text": {
        "en": "Huawei's budget for university research is about {budget} a year; a project in Russia could get up to 70,000 USD. A yearly budget, a cap per project and a write-down are never added together.",
        "vi": "Ngân sách của Huawei cho nghiên cứu đại học là khoảng {budget} mỗi năm; một dự án ở Nga có thể nhận tới 70.000 USD. Ngân sách hằng năm, mức trần mỗi dự án và chi phí phải ghi nhận không bao giờ được cộng với nhau.",
    },
    "briefing_aws_nvidia_title": {
        "en": "5. Six years on: AWS retreats, Nvidia courts",
        "vi": "5. Sáu năm sau: AWS rút lui, Nvidia lôi kéo",
    },
    "briefing_aws_nvidia_text": {
        "en": "AWS quietly closed its Shanghai AI lab after {lab_years} years; Nvidia's chief executive courts Chinese talent as US rules on GPU exports ease.",
        "vi": "AWS lặng lẽ đóng phòng thí nghiệm AI ở Thượng Hải sau {lab_years} năm; CEO của Nvidia lôi kéo nhân tài Trung Quốc khi quy định của Mỹ về xuất khẩu GPU được nới lỏng.",
    },
    # text alternatives of the charts and maps (techrift/charts/alt_text.py), and the briefing's presentation mode
    "alt_empty": {
        "en": "{chart}: nothing to draw with these filters.",
        "vi": "{chart}: không có gì để vẽ với bộ lọc này.",
    },
    "alt_timeline": {"en": "Timeline", "vi": "Dòng thời gian"},
    "alt_events": {
        "en": "{chart} of {count} dated events, {first} to {last}. Most common: {top} ({top_count}). Busiest year: {year} ({year_count} events). Earliest: {earliest}. Latest: {latest}.",
        "vi": "{chart} gồm {count} sự kiện có ngày, từ {first} đến {last}. Nhiều nhất: {top} ({top_count}). Năm nhiều sự kiện nhất: {year} ({year_count} sự kiện). Sớm nhất: {earliest}. Muộn nhất: {latest}.",
    },
    "alt_flows": {
        "en": "Bar chart of {count} amounts, {first} to {last}, in {panels} panels. Largest: {largest}, to {largest_to}. Smallest: {smallest}, to {smallest_to}. Most amounts go to {recipient} ({recipient_count}).",
        "vi": "Biểu đồ cột gồm {count} khoản tiền, từ {first} đến {last}, trong {panels} khung. Lớn nhất: {largest}, cho {largest_to}. Nhỏ nhất: {smallest}, cho {smallest_to}. Nhiều khoản nhất dành cho {recipient} ({recipient_count}).",
    },
    "alt_counts": {
        "en": "Bar chart of {what} in {count} years, {first} to {last}. Highest: {high} in {high_year}. Lowest: {low} in {low_year}.",
        "vi": "Biểu đồ cột {what} trong {count} năm, từ {first} đến {last}. Cao nhất: {high} năm {high_year}. Thấp nhất: {low} năm {low_year}.",
    },
    "alt_map": {
        "en": "Map of {count} institutions in {cities} cities and {sites} Huawei sites. Most ties: {top} ({top_count}). Institutions: {names}.",
        "vi": "Bản đồ {count} cơ sở tại {cities} thành phố và {sites} địa điểm của Huawei. Nhiều liên kết nhất: {top} ({top_count}). Các cơ sở: {names}.",
    },
    "alt_map_outside": {
        "en": "Arcs to {places}, outside the frame, end at its edge with the destination named.",
        "vi": "Các cung tới {places}, nằm ngoài khung, dừng ở mép khung với tên điểm đến.",
    },
    "present_open_live": {"en": "Open this live", "vi": "Mở trang trực tiếp"},
    "present_start": {"en": "Present as slides (keys: → ← Home End)", "vi": "Trình chiếu (phím: → ← Home End)"},
    "present_notes": {"en": "Speaker notes", "vi": "Ghi chú cho người trình bày"},
    "present_sources": {"en": "Sources of the records on this slide", "vi": "Nguồn của các bản ghi trên trang này"},
    "present_quotes": {"en": "Quotes from the seed articles", "vi": "Trích dẫn từ các bài gốc"},
    "present_bad_step": {
        "en": "There is no step “{value}”: showing step {number}.",
        "vi": "Không có bước “{value}”: đang hiển thị bước {number}.",
    },
    "present_first": {"en": "First", "vi": "Đầu"},
    "present_last": {"en": "Last", "vi": "Cuối"},
    "present_keys": {
        "en": "→ Space PageDown: next · ← PageUp: previous · Home End: first, last",
        "vi": "→ Space PageDown: tiếp · ← PageUp: trước · Home End: đầu, cuối",
    },
    # sources page
    "sources_title": {"en": "Sources", "vi": "Nguồn"},
    "sources_intro": {
        "en": "Every document the dataset cites. Pick one to see the records that cite it; the two seed articles can be read in full, with the fragments quoted in the data highlighted.",
        "vi": "Mọi tài liệu mà bộ dữ liệu trích dẫn. Chọn một tài liệu để xem các bản ghi dẫn nó; hai bài gốc có thể đọc toàn văn, với các trích đoạn được dùng trong dữ liệu được tô sáng.",
    },
    "download_sources": {"en": "Download the source list (CSV)", "vi": "Tải danh sách nguồn (CSV)"},
    "download_dataset_csv": {
        "en": "Download the whole dataset (CSV files, zip)",
        "vi": "Tải toàn bộ dữ liệu (các tệp CSV, zip)",
    },
    "download_dataset_excel": {
        "en": "Download the whole dataset (one Excel workbook)",
        "vi": "Tải toàn bộ dữ liệu (một tệp Excel)",
    },
    "show_source": {"en": "Show a source", "vi": "Xem một nguồn"},
    "col_url": {"en": "link", "vi": "liên kết"},
    "col_records_citing": {"en": "records citing", "vi": "số bản ghi dẫn"},
    "coordinate_of": {"en": "Coordinate of {name}", "vi": "Tọa độ của {name}"},
    "read_it": {"en": "Read it", "vi": "Đọc tại"},
    "records_citing": {"en": "Records citing it ({count})", "vi": "Các bản ghi dẫn nguồn này ({count})"},
    "seed_full_text_title": {
        "en": "Full text (Vietnamese), quoted fragments highlighted",
        "vi": "Toàn văn (tiếng Việt), các trích đoạn được tô sáng",
    },
    "seed_coverage": {
        "en": "{count} fragments cover {share} of the text.",
        "vi": "{count} trích đoạn phủ {share} văn bản.",
    },
    "fragments_title": {"en": "Fragments and their translation", "vi": "Các trích đoạn và bản dịch"},
    # live data (techrift/live.py): an edit of the data folder that did not validate changes nothing on screen
    "data_updated": {"en": "Data updated to version {version}", "vi": "Dữ liệu đã cập nhật lên phiên bản {version}"},
    "data_update_rejected": {"en": "Data update rejected", "vi": "Cập nhật dữ liệu bị từ chối"},
    "data_update_rejected_help": {
        "en": "The data folder was edited and the edit has problems; the last good data is shown. Details on Sources.",
        "vi": "Thư mục dữ liệu vừa được sửa nhưng có lỗi; đang hiển thị dữ liệu hợp lệ gần nhất. Chi tiết ở trang Nguồn.",
    },
    "data_update_rejected_body": {
        "en": "The last edit of the data folder has {count} problem(s) and was not taken: every page still shows the "
        "last good data. Fix the rows below (file:line: column: value: why); the fix is picked up within seconds.",
        "vi": "Lần sửa gần nhất của thư mục dữ liệu có {count} lỗi và không được áp dụng: mọi trang vẫn hiển thị dữ liệu "
        "hợp lệ gần nhất. Hãy sửa các dòng dưới đây (tệp:dòng: cột: giá trị: lý do); bản sửa được nhận trong vài giây.",
    },
    # data error page
    "data_error_title": {"en": "The dataset has problems", "vi": "Bộ dữ liệu có lỗi"},
    "data_error_body": {
        "en": "{count} problem(s) were found in the data folder, so the dashboard cannot show it. Nothing was changed. "
        "Fix the rows below (file:line: column: value: why) and reload; `python -m techrift validate` prints the same list.",
        "vi": "Tìm thấy {count} lỗi trong thư mục dữ liệu nên bảng điều khiển không thể hiển thị. Không có gì bị thay đổi. "
        "Hãy sửa các dòng dưới đây (tệp:dòng: cột: giá trị: lý do) rồi tải lại; `python -m techrift validate` in ra cùng danh sách.",
    },
    # navigation and overview
    "nav_overview": {"en": "Overview", "vi": "Tổng quan"},
    "nav_timeline": {"en": "Timeline: doors close, doors open", "vi": "Dòng thời gian: cửa đóng, cửa mở"},
    "nav_map": {"en": "Map: Huawei in Russia", "vi": "Bản đồ: Huawei ở Nga"},
    "nav_funding": {"en": "Funding: the money", "vi": "Tài trợ: dòng tiền"},
    "nav_compare": {"en": "Compare companies", "vi": "So sánh các công ty"},
    "nav_sources": {"en": "Sources", "vi": "Nguồn"},
    "nav_briefing": {"en": "Briefing mode", "vi": "Bản tóm tắt"},
    "blurb_timeline": {
        "en": "US and Western universities cutting Huawei ties, set against Huawei's new Russian partnerships on one time axis.",
        "vi": "Các trường đại học Mỹ và phương Tây cắt quan hệ với Huawei, đặt cạnh các quan hệ đối tác mới của Huawei ở Nga trên cùng một trục thời gian.",
    },
    "blurb_map": {
        "en": "Huawei's partner universities and institutes in Russia, with arcs from its sites; works offline.",
        "vi": "Các trường đại học và viện đối tác của Huawei ở Nga, với các cung nối từ cơ sở của Huawei; chạy không cần mạng.",
    },
    "blurb_funding": {
        "en": "Money flows as bar charts that never add amounts meaning different things; targets shown apart.",
        "vi": "Dòng tiền dưới dạng biểu đồ cột, không bao giờ cộng các khoản mang ý nghĩa khác nhau; mục tiêu được trình bày riêng.",
    },
    "blurb_compare": {
        "en": "Two strategies side by side, row by row, every cell sourced.",
        "vi": "Hai chiến lược đặt cạnh nhau, từng dòng một, mỗi ô đều có nguồn.",
    },
    "blurb_sources": {
        "en": "Every document cited, the records that cite it, and the two seed articles in full.",
        "vi": "Mọi tài liệu được trích dẫn, các bản ghi dẫn chúng, và toàn văn hai bài gốc.",
    },
    "blurb_briefing": {
        "en": "The story in a few steps for a presenter, large type, one chart each.",
        "vi": "Câu chuyện trong vài bước cho người thuyết trình, chữ lớn, mỗi bước một biểu đồ.",
    },
    "overview_lede": {
        "en": "**How the US–China technology rift reshapes research ties.** A curated, sourced dataset of events and money "
        "flows: US universities closing their doors to Huawei, Huawei opening new ones in Russia, and two American "
        "firms, AWS and Nvidia, taking opposite paths in China.",
        "vi": "**Rạn nứt công nghệ Mỹ–Trung định hình lại các quan hệ nghiên cứu như thế nào.** Bộ dữ liệu chọn lọc, có nguồn, "
        "về các sự kiện và dòng tiền: các trường đại học Mỹ đóng cửa với Huawei, Huawei mở những cánh cửa mới ở Nga, và hai "
        "công ty Mỹ, AWS và Nvidia, đi hai con đường ngược nhau ở Trung Quốc.",
    },
    "overview_figures_sources": {"en": "Where these figures come from", "vi": "Các con số này lấy từ đâu"},
    "overview_story": {"en": "The story", "vi": "Câu chuyện"},
    "overview_story_text": {
        "en": "From 2018, and fast after the US indictments of January 2019, Princeton, Stanford, UC Berkeley, MIT, Oxford and "
        "others cut, suspended or reviewed research ties with Huawei. In the same months Huawei toured Russian universities, "
        "opened a joint lab with Skoltech, signed with MTS for 5G and offered up to 70,000 USD per research project, part of a "
        "budget of about 300 million USD a year for universities worldwide. Six years later the rift runs through American "
        "companies too: AWS quietly closed its Shanghai AI lab, while Nvidia's chief executive courts Chinese talent as US "
        "rules on GPU exports ease.",
        "vi": "Từ năm 2018, và nhanh hơn sau các cáo trạng của Mỹ tháng 1/2019, Princeton, Stanford, UC Berkeley, MIT, Oxford và "
        "nhiều trường khác đã cắt, tạm ngừng hoặc xem xét lại quan hệ nghiên cứu với Huawei. Cũng trong những tháng đó, Huawei "
        "đi thăm các trường đại học Nga, mở phòng thí nghiệm chung với Skoltech, ký với MTS về 5G và đưa ra mức tài trợ tới "
        "70.000 USD cho mỗi dự án nghiên cứu, một phần của ngân sách khoảng 300 triệu USD mỗi năm dành cho các trường đại học "
        "trên thế giới. Sáu năm sau, rạn nứt chạy qua cả các công ty Mỹ: AWS lặng lẽ đóng phòng thí nghiệm AI ở Thượng Hải, "
        "trong khi CEO của Nvidia lôi kéo nhân tài Trung Quốc khi các quy định của Mỹ về xuất khẩu GPU được nới lỏng.",
    },
    "overview_views": {"en": "Views", "vi": "Các trang"},
    "headline_western": {"en": "Western universities stepping back", "vi": "Trường phương Tây lùi xa Huawei"},
    "headline_western_detail": {
        "en": "named institutions that cut, suspended or reviewed ties, {first} to {last}",
        "vi": "cơ sở được nêu tên đã cắt, tạm ngừng hoặc xem xét lại quan hệ, từ {first} đến {last}",
    },
    "headline_russia": {"en": "Huawei's Russian academic partners", "vi": "Đối tác học thuật Nga của Huawei"},
    "headline_russia_detail": {"en": "named in the sources{claim}", "vi": "được nêu tên trong các nguồn{claim}"},
    "headline_russia_inferred": {
        "en": "; {count} more inferred, not named",
        "vi": "; thêm {count} đơn vị được suy luận, không được nêu tên",
    },
    "identification_named": {"en": "named in the sources", "vi": "được nêu tên trong nguồn"},
    "identification_inferred": {"en": "identification inferred", "vi": "danh tính được suy luận"},
    "identification_inferred_note": {
        "en": "The sources do not name this institution: the identification is inferred (see the summary).",
        "vi": "Các nguồn không nêu tên cơ sở này: danh tính là suy luận (xem phần tóm tắt).",
    },
    "name_inferred": {"en": "{name} (identification inferred)", "vi": "{name} (danh tính được suy luận)"},
    "headline_russia_claim": {"en": "; the seed claims at least {count}", "vi": "; bài gốc nói ít nhất {count}"},
    "headline_budget": {"en": "Huawei's yearly university budget", "vi": "Ngân sách hằng năm của Huawei cho đại học"},
    "headline_budget_value": {"en": "{millions} million USD", "vi": "{millions} triệu USD"},
    "headline_lab": {
        "en": "Years AWS ran its Shanghai AI lab",
        "vi": "Số năm AWS vận hành phòng thí nghiệm AI Thượng Hải",
    },
    "headline_lab_value": {"en": "about {years}", "vi": "khoảng {years}"},
    "headline_lab_detail": {"en": "{opened} to {closed}", "vi": "{opened} đến {closed}"},
    "headline_documents": {"en": "Documents cited", "vi": "Tài liệu được trích dẫn"},
    "headline_documents_detail": {
        "en": "{seeds} seed articles and {quotes} verbatim fragments of them",
        "vi": "{seeds} bài gốc và {quotes} trích đoạn nguyên văn",
    },
    # h32 (issue 32): charts that cannot mislead
    "log_axis": {
        "en": "{currency}, log scale (each step is ten times the last)",
        "vi": "{currency}, thang logarit (mỗi vạch gấp mười lần vạch trước)",
    },
    "shared_axis": {"en": "{currency}, one scale for every panel", "vi": "{currency}, một thang chung cho mọi ô"},
    "include_context": {
        "en": "Show context amounts too (company R&D spending, revenue, write-downs)",
        "vi": "Hiện cả các khoản bối cảnh (chi R&D của công ty, doanh thu, khoản ghi giảm)",
    },
    "context_hidden": {
        "en": "{count} context amounts (not money to universities or research partners) are not drawn; switch them on above.",
        "vi": "{count} khoản bối cảnh (không phải tiền cho trường đại học hay đối tác nghiên cứu) không được vẽ; bật ở trên để xem.",
    },
    "context_hidden_one": {
        "en": "1 context amount (not money to universities or research partners) is not drawn; switch it on above.",
        "vi": "1 khoản bối cảnh (không phải tiền cho trường đại học hay đối tác nghiên cứu) không được vẽ; bật ở trên để xem.",
    },
    "research_funding": {"en": "Research funding", "vi": "Tài trợ nghiên cứu"},
    "context_amount": {"en": "Context", "vi": "Bối cảnh"},
    "sizes_title": {
        "en": "How big is each amount: every figure on one log scale, in US dollars",
        "vi": "Mỗi khoản lớn đến đâu: mọi con số trên một thang logarit, tính bằng USD",
    },
    "sizes_intro": {
        "en": "A dot's shape says what the amount means (a year, a one-off, a cap per project, a total); grey dots are "
        "context, not money to research. The panels below keep each meaning apart.",
        "vi": "Hình dạng của chấm cho biết ý nghĩa của khoản tiền (mỗi năm, một lần, mức trần mỗi dự án, tổng); chấm xám "
        "là bối cảnh, không phải tiền cho nghiên cứu. Các ô bên dưới tách riêng từng ý nghĩa.",
    },
    "sizes_legend": {"en": "What the amount is", "vi": "Khoản tiền là gì"},
    "no_country_hidden": {
        "en": "The country filter hides {count} records whose country is not known.",
        "vi": "Bộ lọc quốc gia ẩn {count} bản ghi không rõ quốc gia.",
    },
    "no_figures": {"en": "No figures for this filter.", "vi": "Không có số liệu nào cho bộ lọc này."},
    "amount_total_years": {"en": "{amount} in total, {years}", "vi": "tổng cộng {amount}, {years}"},
    "map_title_world": {
        "en": "Both sides: Western universities stepping back, Huawei's partners in Russia",
        "vi": "Cả hai phía: các trường phương Tây lùi bước, các đối tác của Huawei ở Nga",
    },
    "map_intro_world": {
        "en": "Western universities that cut, suspended or reviewed their ties with Huawei, beside Huawei's partner "
        "universities and institutes in Russia and its R&D sites.",
        "vi": "Các trường đại học phương Tây đã cắt, tạm ngừng hoặc xem xét lại quan hệ với Huawei, bên cạnh các trường "
        "và viện đối tác của Huawei ở Nga cùng các trung tâm R&D của hãng.",
    },
    "legend_inferred": {
        "en": "Hollow ring: identification inferred (the sources do not name the place), drawn without size",
        "vi": "Vòng rỗng: danh tính được suy luận (nguồn không nêu tên nơi này), không thể hiện quy mô",
    },
    "tip_inferred_why": {
        "en": "Drawn hollow: no source names this institution; we inferred it from the city and the field.",
        "vi": "Vẽ rỗng: không nguồn nào nêu tên cơ sở này; chúng tôi suy luận từ thành phố và lĩnh vực.",
    },
    "col_location": {"en": "Location", "vi": "Vị trí"},
    "location_campus": {"en": "on the campus", "vi": "đúng khuôn viên"},
    "location_city": {"en": "city only", "vi": "chỉ thành phố"},
    "location_district": {"en": "district only", "vi": "chỉ quận/khu"},
    "compare_silent": {
        "en": "No sourced statement from either company on: {dimensions}.",
        "vi": "Không công ty nào có nhận định có nguồn về: {dimensions}.",
    },
    "map_unplaced": {
        "en": "Not on the map, for want of a recorded place: {names}. The table below the timeline lists them.",
        "vi": "Không có trên bản đồ vì chưa ghi nhận địa điểm: {names}. Bảng dưới dòng thời gian liệt kê các mục này.",
    },
}


def number(value: float, lang: str, decimals: int = 0) -> str:
    """A number as the language writes it, with at most `decimals` decimals: '70,000' / '70.000', '13.3' / '13,3'."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=lang)


def plural_category(count: float, lang: str) -> str:
    """The CLDR plural category of a count in the language: 'one' or 'other' in English, always 'other' in Vietnamese."""
    return Locale.parse(lang).plural_form(abs(count))


class _LocalFormatter(string.Formatter):
    """str.format, except that a number under a grouping spec ('{count:,}') is written the language's way."""

    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "," and isinstance(value, (int, float)):
            return number(value, self.lang)
        return super().format_field(value, format_spec)


def t(key: str, lang: str, **values: object) -> str:
    """The label `key` in `lang` (English if that language lacks it), with {placeholders} filled. With a numeric
    `count`, a form for the count's plural category is used where the catalogue has one (`<key>_one`)."""
    count = values.get("count")
    if isinstance(count, numbers.Real) and (form := f"{key}_{plural_category(float(count), lang)}") in CATALOGUE:
        key = form
    entry = CATALOGUE[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return _LocalFormatter(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).format(text, **values) if values else text


# Columns whose name is not a catalogue key's tail.
_COLUMN_KEYS = {"≈": "approximate"}


def column_label(column: str, lang: str) -> str:
    """A table column's header in the language: the catalogue's col_<column>."""
    return t(f"col_{_COLUMN_KEYS.get(column, column)}", lang)


def localized(row: Mapping[Hashable, Any] | pd.Series, base: str, lang: str) -> str:
    """A translated data column (`title` -> title_vi) in `lang`, falling back to the English column."""
    if lang != DEFAULT_LANGUAGE:
        value = row.get(f"{base}_{lang}")
        if isinstance(value, str) and value:
            return value
    english = row.get(f"{base}_en", row.get(base))
    return "" if english is None or (isinstance(english, float) and pd.isna(english)) else str(english)


def localized_column(frame: pd.DataFrame, base: str, lang: str) -> pd.Series:
    """`localized` for every row of a frame at once."""
    english_column = f"{base}_en" if f"{base}_en" in frame.columns else base
    english = frame[english_column].astype(object).where(frame[english_column].notna(), "")
    translated = frame.get(f"{base}_{lang}") if lang != DEFAULT_LANGUAGE else None
    if translated is None:
        return english.astype(str)
    has_translation = translated.notna() & translated.astype(object).ne("")
    return translated.astype(object).where(has_translation, english).astype(str)


def parse_language(raw: str) -> tuple[str, str | None]:
    """A language code from the URL, or the default with a notice."""
    code = raw.strip().lower()
    if code in LANGUAGES:
        return code, None
    return DEFAULT_LANGUAGE, t("notice_language", DEFAULT_LANGUAGE, value=raw[:20])
