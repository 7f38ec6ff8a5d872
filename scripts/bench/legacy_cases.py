#!/usr/bin/env python3
"""Writes N cases in the old system's export layout (docs/import/mapping.toml),
for the import benchmark: the units and practitioners of the docs/import
samples, years 2019-2025, each (unit, year) register numbered from 01,
every row valid. Usage: legacy_cases.py N OUT.csv"""
import csv
import sys

UNITS = [("TC-001", "NTH-001", "TT"), ("TC-003", "NTH-002", "CN3"), ("TC-104", "NTH-003", "MINHDUC")]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Minh", "Thu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hạnh", "Lan", "Mai", "Nam", "Sơn", "Tú", "Yến"]
HEADER = ["Mã hồ sơ", "Mã tổ chức", "Mã người thực hiện", "Ngày yêu cầu", "Hình thức tiếp nhận",
          "Hình thức TGPL", "Lĩnh vực", "Diện người được TGPL", "Nội dung vụ việc", "Người được TGPL",
          "Giới tính", "Ngày sinh", "Dân tộc", "Số CCCD", "Trạng thái", "Mã vụ việc", "Ngày thụ lý",
          "Ngày kết thúc", "Kết quả"]

def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i in range(n):
            org, practitioner, abbr = UNITS[i % 3]
            year = 2019 + (i // 3) % 7
            number = i // 21 + 1
            day = 1 + (i * 7) % 200
            month, mday = 3 + day // 31, 1 + day % 28
            advice = i % 2 == 0
            form, field, code = ("Tư vấn", "Đất đai", "TV") if advice else \
                ("Bảo vệ quyền và lợi ích hợp pháp", "Dân sự", "TGTT")
            sex = "Nữ" if i % 2 else "Nam"
            name = f"{FAMILY[i % 10]} {MIDDLE[(i // 10) % 6]} {GIVEN[(i // 60) % 11]}"
            w.writerow([
                f"HS-{i:08d}", org, practitioner, f"{mday:02d}/{month:02d}/{year}", "Trực tiếp",
                form, field, "2", "Vụ việc chuyển từ hệ thống cũ", name, sex,
                f"01/01/{1950 + i % 50}", "Kinh", f"{i:012d}",
                "Lưu trữ" if i % 4 else "Đã kết thúc", f"{abbr}.{code}.{number:02d}.{year}",
                f"{mday + 1:02d}/{month:02d}/{year}", f"{mday:02d}/{month + 1:02d}/{year}",
                "Đã hoàn thành trợ giúp pháp lý"])

main()
