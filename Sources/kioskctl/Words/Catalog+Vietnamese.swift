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

        // MARK: led
        "led.testing": "lần lượt bật sáng từng đèn trong {step}, theo thứ tự sau:",
        "led.testFault": "LỖI: {fault}",
        "led.testEnd": "sau đó tắt hết trong {step}; các đèn trở lại bình thường sau {total}",
        "led.identifying": "cả {count} đèn cùng nháy trong {span}",
        "led.identifyEnded": "đã dừng nháy nhận diện; các đèn trở lại kiểu sáng bình thường",
        "led.needsSeconds": "--seconds cần một số nguyên từ 0 đến 3600",
        "led.needsSubcommand": "lệnh led cần một lệnh con: test, identify hoặc card",
        "led.unknownSubcommand": "không có lệnh con \"{name}\"",
        "led.cardNoJSON": "led card in ra một ảnh SVG; lệnh này không có dạng --json",

        // MARK: LED card
        "led.card.title": "kiosk-agent: ý nghĩa các đèn trạng thái",
        "led.card.intro": """
            Mỗi đèn có một vai trò (role), đặt trong mục [led.TÊN] của tệp cấu hình: tìm các dòng \
            của vai trò đó, rồi dòng giống với đèn đang thấy. Lệnh `kioskctl status` cho biết điều \
            này bằng chữ.
            """,
        "led.card.lit": "sáng",
        "led.card.dark": "tắt",
        "led.card.strip": "mỗi dải vẽ {seconds} giây của kiểu sáng, mỗi vạch nhỏ là một giây",
        "led.card.column.led": "Đèn",
        "led.card.column.pattern": "Kiểu sáng",
        "led.card.column.means": "Nghĩa là",
        "led.card.column.look": "Kiểm tra",
        "led.card.role.power": "kioskd còn chạy",
        "led.card.role.network": "mạng Internet",
        "led.card.role.uplink": "máy chủ tỉnh",
        "led.card.role.session": "khách dùng kiosk",
        "led.card.role.fault": "sự cố",
        "led.card.role.all": "mọi đèn",
        "led.card.power.running.means": "kioskd đang chạy bình thường",
        "led.card.power.running.look": "—",
        "led.card.power.stopped.means": "kioskd không chạy: đã bị dừng, bị lỗi, hoặc kiosk bị mất điện",
        "led.card.power.stopped.look": "`systemctl status kioskd`; nguồn điện",
        "led.card.power.frozen.means": "sáng liên tục, không nháy: kioskd bị lỗi hoặc bị treo (nhịp tim bị đứng)",
        "led.card.power.frozen.look": "`systemctl status kioskd`",
        "led.card.network.unjudged.means": "chưa đánh giá xong: vài giây đầu sau khi kioskd khởi động",
        "led.card.network.unjudged.look": "—",
        "led.card.network.online.means": "có mạng: kết nối Internet tốt",
        "led.card.network.online.look": "—",
        "led.card.network.degraded.means": "mạng chập chờn: mất gói tin hoặc phản hồi chậm",
        "led.card.network.degraded.look": "`kioskctl doctor`",
        "led.card.network.portal.means": "bị chặn ở trang đăng nhập Wi-Fi (captive portal): hãy đăng nhập Wi-Fi cho kiosk",
        "led.card.network.portal.look": "`kioskctl doctor`",
        "led.card.network.offline.means": "mất mạng: không vào được Internet",
        "led.card.network.offline.look": "`kioskctl doctor`, `kioskctl outages`",
        "led.card.uplink.disconnected.means": "chưa kết nối được với máy chủ tỉnh (broker)",
        "led.card.uplink.disconnected.look": "`kioskctl status`",
        "led.card.uplink.connected.means": "đã kết nối với máy chủ tỉnh",
        "led.card.uplink.connected.look": "—",
        "led.card.uplink.draining.means": "đã kết nối và đang gửi các bản ghi còn tồn đọng",
        "led.card.uplink.draining.look": "`kioskctl queue`",
        "led.card.session.idle.means": "không có khách nào đang dùng kiosk",
        "led.card.session.idle.look": "—",
        "led.card.session.active.means": "đang có khách dùng kiosk (một phiên đang mở)",
        "led.card.session.active.look": "—",
        "led.card.fault.none.means": "không có sự cố nào",
        "led.card.fault.none.look": "—",
        "led.card.fault.problem.means": """
            có sự cố: lỗi lưu trữ, đồng hồ vẫn chưa đồng bộ sau một giờ chạy, cấu hình mới bị từ \
            chối khi nạp lại, máy chủ tỉnh từ chối bản ghi (ACL, hạn mức), hoặc có đèn không điều \
            khiển được
            """,
        "led.card.fault.problem.look": "`kioskctl status`, `kioskctl doctor`",
        "led.card.fault.stopped.means": "sáng khi mọi đèn khác đều tắt: kioskd đã được dừng có chủ đích (agent stopped)",
        "led.card.fault.stopped.look": "`systemctl start kioskd`",
        "led.card.all.identify.means": """
            cùng nháy một lúc: có người đang tìm kiosk này (`kioskctl led identify` hoặc lệnh \
            `cmd/identify` từ máy chủ tỉnh)
            """,
        "led.card.all.identify.look": "—",
        "led.card.footer": """
            Tạo bởi lệnh `kioskctl led card` từ chính bảng mà kioskd tuân theo (LEDLegend và \
            LEDPolicy trong mã nguồn). Sau mỗi lần cập nhật, hãy in lại thay vì sửa tay.
            """,
    ]
}
