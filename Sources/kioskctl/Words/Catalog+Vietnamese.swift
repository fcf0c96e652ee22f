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
        // MARK: bundle
        "bundle.summary": "một tệp gửi tỉnh: trạng thái, kiểm tra, lịch sử 7 ngày, nhật ký",
        "bundle.help": """
            cách dùng: kioskctl bundle [--output ĐƯỜNG_DẪN] [--json]

            Tạo một tệp .tar.gz để chép vào USB và gửi cho kỹ sư của tỉnh. Tệp gồm: trạng
            thái của kioskd và kết quả kiểm tra kết nối (khi kioskd đang chạy); trong 7 ngày
            qua: các mẫu đo kết nối, các lần mất kết nối, các phiên sử dụng, báo cáo từng
            ngày và các sự kiện; hàng đợi bản ghi; cấu hình đang dùng; 2.000 dòng nhật ký
            cuối cùng của kioskd; phiên bản phần mềm và nhân Linux; và tệp README.txt (tiếng
            Việt và tiếng Anh) giải thích từng tệp. Không có dữ liệu của người dùng, không
            có mật khẩu hay khóa: cấu hình chỉ ghi đường dẫn tới các tệp chứa chúng. Lệnh
            vẫn chạy được khi kioskd không chạy: khi đó dữ liệu được đọc thẳng từ kho.
            --output là tên tệp, hoặc thư mục để đặt tệp vào (ví dụ thư mục của USB); mặc
            định là ./kiosk-bundle-THIẾT_BỊ-THỜI_GIAN.tar.gz (giờ UTC) trong thư mục hiện
            tại. Lệnh in đường dẫn và dung lượng của tệp; với --json: {"path":…,"bytes":…}.
            """,
        "bundle.noFolder": "không ghi được {path}: thư mục {folder} không tồn tại",
        "bundle.kioskdDown": """
            kioskctl: kioskd không chạy: gói không có trạng thái và kết quả kiểm tra kết
            nối; lịch sử được đọc từ kho dữ liệu.
            """,
        "bundle.incomplete": "kioskctl bundle: {file} bị thiếu hoặc không đầy đủ: {reason}",
        "bundle.tarFailed": "tar không tạo được {path}: {reason}",
        "bundle.written": "Đã tạo gói chẩn đoán: {path} ({size})",
        "bundle.carry": "Hãy chép tệp này vào USB và gửi cho kỹ sư của tỉnh.",
        "bundle.size.bytes": "{n} byte",
        "bundle.size.kib": "{whole},{tenth} KiB",
        "bundle.size.mib": "{whole},{tenth} MiB",
        "bundle.readme": """
            Gói chẩn đoán kiosk-agent (tiếng Việt)
            ======================================

            Kiosk:      {device}
            Thời điểm:  {created} (giờ UTC), tạo bằng lệnh `kioskctl bundle`

            Gói này để gửi cho kỹ sư của tỉnh. Gói không chứa dữ liệu của người dùng và
            không chứa bí mật: không có mật khẩu, không có khóa riêng (cấu hình chỉ ghi tên
            các tệp chứa chúng).

            bundle.json     những gì có trong gói, những gì còn thiếu và lý do
            versions.json   phiên bản của kioskctl, của kioskd và của nhân Linux (uname -a)
            status.json     trạng thái của kioskd (kioskctl status --json); chỉ có khi
                            kioskd đang chạy
            doctor.json     kết quả kiểm tra từng lớp kết nối lúc tạo gói
                            (kioskctl doctor --json); chỉ có khi kioskd đang chạy
            health.json     các mẫu đo kết nối trong 7 ngày qua
            outages.json    các lần mất kết nối trong 7 ngày qua: bắt đầu, kết thúc, thời
                            lượng, nguyên nhân
            sessions.json   các phiên sử dụng trong 7 ngày qua: chỉ có giờ và thời lượng
            summaries.json  báo cáo của từng ngày trong 7 ngày qua (kioskctl report)
            events.json     các sự kiện trong 7 ngày qua: khởi động, dừng, đồng bộ đồng
                            hồ, nạp lại cấu hình, bản ghi bị bỏ, lỗi
            queue.json      kho bản ghi: số bản ghi đang chờ gửi, bị bỏ, bị hỏng
            config.json     cấu hình kioskd đang dùng (kioskctl config show)
            journal.txt     2.000 dòng nhật ký cuối cùng của kioskd (journalctl -u kioskd);
                            chỉ có khi hệ thống có nhật ký systemd

            Các tệp JSON được trình bày để đọc trực tiếp. Thời gian tính theo giờ UTC
            (RFC 3339); ngày là ngày theo giờ địa phương của kiosk.
            """,
    ]
}
