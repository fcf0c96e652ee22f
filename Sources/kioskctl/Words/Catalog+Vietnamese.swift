/// kioskctl's words in Vietnamese (Tiếng Việt, NFC): the same keys as `Catalog.english`.
extension Catalog {
    static let vietnamese: [String: String] = [
        // MARK: Everywhere
        "span.days": "{d} ngày {h} giờ",
        "span.hours": "{h} giờ {m} phút",
        "span.minutes": "{m} phút {s} giây",
        "span.seconds": "{s} giây",
        "time.today": "{time}",
        "time.yesterday": "hôm qua {time}",
        "time.date": "{day}/{month}/{year} {time}",
        "unreachable": """
            kioskctl: không liên lạc được với kioskd tại {path} ({reason}).
            kioskd có đang chạy không? Bật nó bằng lệnh:  sudo systemctl start kioskd
            hoặc chạy nó trong cửa sổ dòng lệnh:          kioskd
            """,
        "store.direct": "kioskctl: kioskd không chạy; đọc trực tiếp kho dữ liệu tại {path}",
        "usage.noCommand": "chưa có lệnh nào",
        "usage.unknownCommand": "không có lệnh \"{name}\"",
        "usage.unknownOption": "không có tùy chọn {option}",
        "usage.needsPath": "{option} cần một đường dẫn",
        "usage.needsLanguage": "--lang cần en hoặc vi",
        "usage.noArguments": "lệnh {command} không nhận tham số nào",
        "usage.oneCommandName": "help chỉ nhận một tên lệnh",
        "config.hasErrors": "tệp cấu hình có lỗi",
        "help.usage": """
            cách dùng: kioskctl [--socket ĐƯỜNG_DẪN] [--config ĐƯỜNG_DẪN] [--lang vi|en]
                                [--json] LỆNH [THAM_SỐ…]

            Tùy chọn chung:
              --socket ĐƯỜNG_DẪN  socket điều khiển của kioskd (mặc định: theo tệp cấu hình,
                                  nếu không thì /run/kioskd/control.sock)
              --config ĐƯỜNG_DẪN  tệp cấu hình (mặc định /etc/kioskd/kioskd.conf)
              --lang vi|en        ngôn ngữ (mặc định: theo LC_ALL, LC_MESSAGES hoặc LANG,
                                  nếu không thì theo [device] language trong cấu hình)
              --json              in một tài liệu JSON ổn định thay cho bảng
              --version           in phiên bản của kioskctl
              -h, --help          in trợ giúp này; `kioskctl help LỆNH` cho từng lệnh
            """,
        "help.commands": "Các lệnh:",
        "help.exitStatus": "Mã thoát: 0 thành công, 1 thất bại, 64 dùng sai lệnh, 69 không liên lạc được với kioskd.",
    ]
}
