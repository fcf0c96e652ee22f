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

        // MARK: Shared by status and doctor: states, layers, what to check
        "layer.link": "cáp/Wi-Fi",
        "layer.gateway": "modem",
        "layer.dns": "DNS",
        "layer.internet": "internet",
        "layer.portal": "đăng nhập",
        "layer.broker": "máy chủ",
        "layer.mqtt": "MQTT",
        "connectivity.online": "có mạng",
        "connectivity.degraded": "mạng yếu",
        "connectivity.portal": "kẹt trang đăng nhập",
        "connectivity.offline": "mất mạng",
        "broker.state.disconnected": "chưa kết nối",
        "broker.state.connecting": "đang kết nối",
        "broker.state.connected": "đã kết nối",
        "broker.state.stopped": "đã dừng",
        "clock.synced": "đúng giờ",
        "clock.unsynced": "chưa chỉnh giờ (đang chờ NTP)",
        "clock.corrected": "đúng giờ (đã được chỉnh lại)",
        "pattern.off": "tắt",
        "pattern.on": "sáng",
        "pattern.slow-blink": "nháy chậm",
        "pattern.blink": "nháy",
        "pattern.fast-blink": "nháy nhanh",
        "pattern.double-blink": "nháy đôi",
        "pattern.heartbeat": "nhịp tim",
        "led.mode.identify": "nhận diện",
        "led.mode.test": "thử đèn",
        "check.link": "Dây cáp mạng (Ethernet) đã cắm chặt cả hai đầu chưa, đèn ở cổng mạng có sáng không? Nếu dùng Wi-Fi: tên mạng và mật khẩu.",
        "check.gateway": "Modem có điện và đèn có sáng không? Kiểm tra dây cáp từ ki-ốt đến modem; tắt modem 30 giây rồi bật lại.",
        "check.dns": "Khởi động lại modem. Nếu vẫn lỗi, nhờ kỹ thuật của tỉnh đặt máy chủ DNS (ví dụ 8.8.8.8) trong modem.",
        "check.internet": "SIM trong modem còn tiền và còn dung lượng gói cước không, có sóng di động không? Xem đèn internet của modem.",
        "check.portal": "Mạng Wi-Fi đòi đăng nhập: mở trình duyệt trên ki-ốt rồi đăng nhập hoặc bấm chấp nhận điều khoản.",
        "check.broker": "Có internet nhưng máy chủ của tỉnh không trả lời: kiểm tra địa chỉ và cổng máy chủ ([mqtt] host và port trong kioskd.conf), hoặc gọi cho tỉnh.",
        "check.mqtt": "Máy chủ của tỉnh từ chối ki-ốt: kiểm tra chứng chỉ, tên đăng nhập và tệp mật khẩu, hoặc gọi cho tỉnh.",
        "check.refused": "Gọi cho tỉnh: máy chủ phải cho phép ki-ốt này gửi dữ liệu. Dữ liệu vẫn được giữ trên ki-ốt, không mất gì.",
        "check.storage": "Thẻ nhớ SD có thể sắp hỏng: chạy `kioskctl bundle`, chép tệp đó ra, và sớm thay thẻ nhớ.",
        "check.led": "dây nối của đèn {name} (xem dòng đèn bên dưới).",

        // MARK: status
        "status.head.problem": "CÓ LỖI:",
        "status.head.check": "Kiểm tra trước:",
        "status.head.note": "LƯU Ý:",
        "status.head.fine": "TỐT:",
        "status.head.fineDetail": "ki-ốt có mạng và đang gửi dữ liệu về tỉnh.",
        "status.head.storage": "ki-ốt không ghi được vào thẻ nhớ SD.",
        "status.head.offline": "ki-ốt bị mất mạng.",
        "status.head.degraded": "mạng chậm hoặc bị rớt dữ liệu.",
        "status.head.portal": "trang đăng nhập Wi-Fi đang chặn ki-ốt.",
        "status.head.broker": "ki-ốt không kết nối được máy chủ của tỉnh.",
        "status.head.refused": "máy chủ của tỉnh từ chối dữ liệu của ki-ốt.",
        "status.head.led": "một đèn báo không điều khiển được.",
        "status.head.clock": "đồng hồ chưa được chỉnh; nó tự chỉnh khi ki-ốt có mạng (NTP).",
        "status.label.device": "thiết bị",
        "status.label.site": "địa điểm",
        "status.label.config": "cấu hình",
        "status.label.clock": "đồng hồ",
        "status.label.broker": "máy chủ",
        "status.label.refused": "bị từ chối",
        "status.label.network": "mạng",
        "status.label.session": "phiên",
        "status.label.storage": "lưu trữ",
        "status.label.queue": "hàng đợi",
        "status.label.led": "đèn",
        "status.kioskd": "kioskd {version}  đã chạy {uptime}  (pid {pid}, bật lúc {started})",
        "status.config.defaults": "cấu hình mặc định",
        "status.since": "từ {time}",
        "status.broker.attempts": "{count} lần thử thất bại",
        "status.broker.next": ", thử lại sau {in}",
        "status.broker.lastError": "lỗi gần nhất: {error}",
        "status.refused": "{reason} ({code}) từ {since}, {count} lần bị từ chối; dữ liệu vẫn chờ gửi từ số {seq}",
        "status.refused.next": ", gửi lại sau {in}",
        "status.network.cause": "lớp lỗi đầu tiên: {layer}",
        "status.network.outageSince": "mất mạng từ {time}",
        "status.session": "đang dùng {elapsed} (từ {start}), không thao tác {idle} trên {timeout}",
        "status.session.labelled": "đang dùng {elapsed} (từ {start}), nhãn {label}, không thao tác {idle} trên {timeout}",
        "status.session.none": "không có",
        "status.fault": "LỖI",
        "status.queue": "{count} bản ghi chờ gửi",
        "status.queue.oldest": ", cũ nhất {age}",
        "status.queue.lost": "; {count} bị mất",
        "status.led.note": "ghi chú: {note}",

        // MARK: doctor
        "doctor.result.pass": "đạt",
        "doctor.result.FAIL": "LỖI",
        "doctor.result.untested": "chưa thử",
        "doctor.result.skip": "bỏ qua",
        "doctor.noProbe": "(không có phép thử)",
        "doctor.mqtt.notRunning": "(kioskd không chạy: không kiểm tra được kết nối đến máy chủ)",
        "doctor.verdict": "kết luận: {state}",
        "doctor.verdict.cause": " — lớp lỗi đầu tiên: {layer}",
        "doctor.measured": "(Đo được: {probe}: {figure}.)",
        "doctor.problem.link": "Cáp mạng hoặc Wi-Fi không hoạt động.",
        "doctor.problem.gateway": "Modem không trả lời.",
        "doctor.problem.dns": "Không tra được tên máy chủ (DNS).",
        "doctor.problem.internet": "Modem không có internet.",
        "doctor.problem.portal": "Một trang đăng nhập Wi-Fi đang chặn đường.",
        "doctor.problem.broker": "Máy chủ của tỉnh không trả lời.",
        "doctor.problem.mqtt": "Máy chủ của tỉnh từ chối kioskd.",
        "doctor.publish.0x87": "Máy chủ không cho phép ki-ốt này gửi dữ liệu: nhờ tỉnh cho phép {filter} với tài khoản của ki-ốt trong ACL của máy chủ. Dữ liệu vẫn chờ và sẽ được gửi khi được phép.",
        "doctor.publish.0x97": "Hạn mức của ki-ốt này trên máy chủ đã hết: nhờ tỉnh nâng hạn mức, hoặc chờ. Dữ liệu vẫn chờ gửi.",
        "doctor.publish.other": "Máy chủ từ chối dữ liệu của ki-ốt: nhờ tỉnh xem nhật ký của máy chủ để biết lý do. Dữ liệu vẫn chờ và sẽ được gửi khi máy chủ nhận.",
        "doctor.connected": "đã kết nối (MQTT {protocol})",
        "doctor.refused": "bị từ chối: {refusal}",
        "doctor.accepted": "dữ liệu được nhận",
        "doctor.accepted.v311": "dữ liệu được nhận (MQTT 3.1.1: máy chủ bỏ dữ liệu bị cấm mà không báo)",
        "doctor.replies": "{received}/{sent} phản hồi",
        "doctor.noCarrier": ", không có tín hiệu cáp",
        "doctor.signal": ", sóng {dbm} dBm",

        // MARK: outages
        "outages.open": "{start} → bây giờ (đang mất mạng)  nguyên nhân {cause}",
        "outages.cause": "nguyên nhân {cause}",
        "outages.reboots": ", {count} lần khởi động lại",
        "outages.none": "chưa ghi nhận lần mất mạng nào",
        "outages.timeline.title": "24 giờ qua, mỗi ký hiệu là 15 phút:",
        "outages.timeline.legend": "= có mạng  ~ mạng yếu  p kẹt đăng nhập Wi-Fi  X mất mạng  . kioskd tắt",
        "outages.timeline.now": "bây giờ",
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
