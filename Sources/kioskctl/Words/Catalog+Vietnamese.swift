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
        "status.head.connecting": "đang kết nối đến máy chủ của tỉnh…",
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
        "help.exitStatus": "Mã thoát: 0 thành công, 1 thất bại, 64 dùng sai lệnh, 69 không gặp được kioskd.",

        // MARK: Commands: what `help` says
        "config.summary": "kiểm tra một tệp cấu hình, hoặc xem cấu hình kioskd đang dùng",
        "config.help": """
            cách dùng: kioskctl config check [ĐƯỜNG_DẪN]
                       kioskctl config show

            check   Kiểm tra ĐƯỜNG_DẪN (mặc định: theo --config, nếu không thì
                    /etc/kioskd/kioskd.conf) mà không cần kioskd, và in mọi lỗi kèm
                    tệp, dòng và khóa. Mã thoát 1 khi có lỗi.
            show    In cấu hình mà kioskd đang chạy thực sự dùng, mọi khóa với giá trị
                    của nó, dưới dạng một tệp kioskd đọc được. Khi kioskd không chạy,
                    in cấu hình mà nó sẽ nạp, và nói rõ điều đó.
            """,
        "doctor.summary": "kiểm tra ngay mọi tầng mạng, từ đường truyền đến broker MQTT",
        "doctor.help": """
            cách dùng: kioskctl doctor [--json]

            Chạy ngay mọi phép thử kết nối (các phép đã cấu hình, hoặc mặc định: đường
            truyền của tuyến mặc định, gateway, DNS cho broker, TCP tới broker) và hỏi
            kioskd về kết nối tới broker, và broker có nhận bản ghi của nó không (có
            quyền gửi: nếu ACL hay hạn mức của broker từ chối thì tầng MQTT hỏng; bản
            ghi vẫn nằm trong hàng đợi; chỉ với MQTT 5, vì broker 3.1.1 lặng lẽ bỏ bản
            ghi bị từ chối). In từng tầng theo thứ tự, đạt hay hỏng, các số đo và một
            dòng gợi ý. Tầng hỏng đầu tiên là nguyên nhân. Tầng nào có phép thử không
            chạy được ở đây (ping khi không có quyền) thì được ghi là chưa thử, kèm
            cách cho phép nó chạy.
            Mã thoát 0 khi mọi tầng đều đạt, 1 khi có một tầng hỏng.
            """,
        "events.summary": "việc đã xảy ra: bật, tắt, chỉnh giờ, nạp lại, bản ghi bị bỏ",
        "events.help": """
            cách dùng: kioskctl events [--since THỜI_GIAN] [--limit N] [--json]

            Liệt kê các sự kiện của kiosk, mới nhất trước: kioskd bật hoặc tắt, đồng
            hồ được đồng bộ, cấu hình được nạp lại, bản ghi bị bỏ (và những bản ghi
            nào). --since nhận một khoảng thời gian như 30m, 12h hoặc 7d (mặc định
            7d); --limit giới hạn số dòng (mặc định 50). Vẫn dùng được khi kioskd
            không chạy: khi đó lệnh đọc trực tiếp kho dữ liệu, chỉ đọc.
            """,
        "fleet.summary": "mọi kiosk ở broker tỉnh: trực tuyến, mạng, tồn đọng, bản ghi thiếu",
        "fleet.help": """
            cách dùng: kioskctl fleet --broker URL [--site MÃ] [--share NHÓM] [--json]
                                      [--window THỜI_GIAN] [--ca TỆP]
                                      [--cert TỆP --key TỆP]
                                      [--username TÊN --password-file TỆP]
                                      [--prefix kiosk/v1] [--refresh THỜI_GIAN]
                                      [--for THỜI_GIAN]

            Đăng ký nhận tin ở broker cấp tỉnh (URL mqtt://MÁY[:CỔNG] hoặc
            mqtts://MÁY[:CỔNG], TLS với --ca) và hiện mọi kiosk: trực tuyến hay
            ngoại tuyến (theo trạng thái được broker giữ lại và Last Will của nó),
            lần cuối nghe thấy nó lúc nào, trạng thái mạng và nguyên nhân (từ các bản
            ghi health), lượng tồn đọng (số bản ghi nó đã lưu lúc có mạng trở lại mà
            chưa tới nơi), số phiên và số lần mất mạng hôm nay (theo ngày ở máy này),
            và với từng kiosk: số bản ghi đã nhận, số bản trùng (mỗi tin được gửi ít
            nhất một lần; lọc trùng theo device và seq) và các seq còn thiếu (một chỗ
            hở: tin đang trên đường, hoặc đã mất nếu không có sự kiện records-dropped
            báo trước).

            Bảng được làm mới mỗi giây cho tới khi bị ngắt (--for THỜI_GIAN thì tự
            dừng). Với --json: một ảnh chụp sau khi thu thập trong --window (mặc định
            3s). --site chỉ theo dõi một điểm; --share NHÓM dùng đăng ký chia sẻ của
            MQTT 5 $share/NHÓM/…, để nhiều bên nhận chia nhau các tin (mỗi bên chỉ
            thấy phần của mình). Số liệu chỉ tính những gì tới từ lúc lệnh bắt đầu:
            broker không giữ lịch sử.
            Mã thoát 69 khi không tới được broker hoặc broker từ chối đăng ký.
            """,
        "health.summary": "các mẫu đo mạng: trạng thái, nguyên nhân, mất gói, độ trễ",
        "health.help": """
            cách dùng: kioskctl health [--since THỜI_GIAN] [--limit N] [--json]

            Liệt kê các mẫu đo tình trạng mạng mà kioskd đã ghi (mỗi [health]
            publish_interval một mẫu), mới nhất trước: trạng thái (trực tuyến, chập
            chờn, bị trang đăng nhập chặn, mất mạng), tầng hỏng đầu tiên, và với từng
            phép thử: tỉ lệ mất gói và thời gian khứ hồi. --since mặc định là 24h.
            Vẫn dùng được khi kioskd không chạy, khi đó lệnh đọc trực tiếp kho dữ liệu.
            """,
        "help.summary": "liệt kê các lệnh, hoặc giải thích một lệnh",
        "help.help": """
            cách dùng: kioskctl help [LỆNH]

            Không có tên lệnh: liệt kê mọi lệnh. Có tên lệnh: in cách dùng và công
            dụng của lệnh đó.
            """,
        "led.summary": "thử đèn LED (test), cho cả bộ nháy (identify), in thẻ đèn (card)",
        "led.help": """
            cách dùng: kioskctl led test
                       kioskctl led identify [--seconds N]
                       kioskctl led card [--lang vi|en] > the-den.svg

            test       Bật từng đèn LED đã cấu hình trong một giây, theo thứ tự trong
                       tệp cấu hình, rồi tắt hết trong một giây; sau đó các đèn trở
                       lại như bình thường. Hãy xem đèn được nêu tên trên màn hình có
                       đúng là đèn đang sáng không.
            identify   Cho mọi đèn LED cùng nháy (2 Hz) trong N giây (mặc định 30,
                       tối đa 3600) để tìm ra kiosk này; --seconds 0 dừng lần nháy
                       đang chạy. Lệnh cmd/identify từ broker cũng làm như vậy.
            card       In thẻ đèn cho kỹ thuật viên, một ảnh SVG khổ A4 để in: ý nghĩa
                       từng kiểu sáng của từng đèn và cần xem gì, lấy từ chính bảng mà
                       kioskd làm theo.
            test và identify dành cho root, người dùng riêng của kioskd và thành viên
            nhóm của socket điều khiển. `kioskctl status` cho biết mỗi đèn đang hiển
            thị gì, và lỗi đèn nếu có.
            """,
        "outages.summary": "sổ mất mạng: bắt đầu, kết thúc, thời lượng, nguyên nhân từng lần",
        "outages.help": """
            cách dùng: kioskctl outages [--since THỜI_GIAN] [--limit N] [--json]

            Liệt kê các lần mất mạng mà kioskd đã ghi, mới nhất trước, với lúc bắt
            đầu, lúc kết thúc, thời lượng, nguyên nhân (tầng hỏng đầu tiên) và số lần
            khởi động lại trong lúc đó. Lần mất mạng còn đang diễn ra được hiện đầu
            tiên. --since mặc định là 7d. Vẫn dùng được khi kioskd không chạy.
            """,
        "queue.summary": "bản ghi chờ gửi lên broker, bản ghi bị bỏ và bản ghi hỏng",
        "queue.help": """
            cách dùng: kioskctl queue [--json]

            Cho xem kho bản ghi trên máy: bao nhiêu bản ghi (và bao nhiêu byte) đang
            chờ gửi, bản ghi cũ nhất đã chờ bao lâu, lần cuối broker xác nhận đã nhận,
            số bản ghi bị bỏ theo lý do (vượt giới hạn dung lượng, broker từ chối) và
            số bản ghi hỏng đã được để riêng. Vẫn dùng được khi kioskd không chạy: khi
            đó lệnh đọc trực tiếp kho dữ liệu, chỉ đọc, và nói rõ điều đó.
            """,
        "reload.summary": "bảo kioskd đọc lại tệp cấu hình",
        "reload.help": """
            cách dùng: kioskctl reload

            Yêu cầu kioskd đọc lại tệp cấu hình. Tệp có lỗi sẽ bị từ chối và kioskd
            tiếp tục chạy với cấu hình đang có; các lỗi được in ra.
            Dành cho root, người dùng riêng của kioskd và thành viên nhóm của socket
            điều khiển.
            """,
        "report.summary": "một ngày: số phiên theo giờ, thời lượng, tỉ lệ có mạng, mất mạng",
        "report.help": """
            cách dùng: kioskctl report [--day YYYY-MM-DD] [--json]

            Tổng kết một ngày theo giờ địa phương (múi giờ [device] timezone; mặc định
            là hôm nay, tính đến lúc này): bao nhiêu phiên, tổng thời lượng, trung vị
            và phiên dài nhất, biểu đồ số phiên theo từng giờ, phần thời gian trong
            ngày có mạng, các lần mất mạng, và hàng đợi. Cùng các số liệu như bản ghi
            `summary` hằng ngày. Vẫn dùng được khi kioskd không chạy, khi đó lệnh đọc
            trực tiếp kho dữ liệu.
            """,
        "session.summary": "cho giao diện kiosk: phiên của khách bắt đầu, đang dùng, kết thúc",
        "session.help": """
            cách dùng: kioskctl session start [--label NHÃN]
                       kioskctl session activity
                       kioskctl session end

            start     một khách bắt đầu dùng; phiên đang diễn ra (nếu có) kết thúc
                      trước (lý do: khách kết thúc). --label chỉ nhận một trong các
                      nhãn ở [sessions] labels.
            activity  khách vẫn đang dùng: gọi lệnh này vài giây một lần trong lúc
                      khách dùng kiosk. Nhẹ (không ghi đĩa). Bắt đầu một phiên nếu
                      chưa có phiên nào.
            end       khách đã dùng xong (lý do: khách kết thúc).
            Phiên không có hoạt động nào trong [sessions] idle_timeout thì tự kết thúc
            (hết giờ chờ). Không ghi lại gì về khách: chỉ thời điểm, thời lượng và nhãn.
            Dành cho root, người dùng riêng của kioskd và thành viên nhóm của socket
            điều khiển.
            """,
        "sessions.summary": "các phiên của khách: bắt đầu, thời lượng, thời gian dùng, kết thúc",
        "sessions.help": """
            cách dùng: kioskctl sessions [--since THỜI_GIAN] [--limit N] [--json]

            Liệt kê các phiên đã xong, mới nhất trước: lúc bắt đầu, thời lượng, thời
            gian dùng thật (không tính lúc ngồi không trước khi hết giờ chờ), lý do
            kết thúc (khách kết thúc, hết giờ chờ, kioskd tắt, hoặc bị ngắt: kioskd
            bị dừng đột ngột hay mất điện), nhãn và nguồn (ui: giao diện kiosk, input:
            bàn phím, chuột hay màn hình cảm ứng).
            Phiên đang diễn ra, nếu có, được hiện đầu tiên. --since mặc định là 7d.
            Vẫn dùng được khi kioskd không chạy.
            """,
        "status.summary": "phiên bản, thời gian chạy, broker, mạng, phiên, đèn, giờ, hàng đợi",
        "status.help": """
            cách dùng: kioskctl status [--json]

            Cho biết phiên bản và thời gian chạy của kioskd, mã thiết bị và điểm đặt,
            cấu hình đang dùng, đồng hồ đã được đồng bộ chưa, và kết nối tới broker:
            có kết nối hay không, từ lúc nào, và lỗi kết nối gần nhất bằng lời; broker
            có từ chối bản ghi của kioskd không (`refused`: lý do, từ lúc nào, bao
            nhiêu lần; bản ghi vẫn nằm trong hàng đợi và được gửi lại — chỉ với MQTT
            5: broker 3.1.1 vẫn xác nhận tin bị từ chối rồi lặng lẽ bỏ nó); trạng thái
            mạng và tầng hỏng đầu tiên; phiên của khách đang diễn ra (từ lúc nào,
            nhãn, thời gian ngồi không); hàng đợi; và mỗi đèn LED đang hiển thị gì
            (kiểu nháy, và lỗi nếu có, như thiếu chip GPIO hoặc chân GPIO đang bận).
            """,

        // MARK: Words of queue, health, sessions, session, report, events, config, reload, fleet
        "args.unknown": "không có tham số {argument}",
        "args.needsValue": "{option} cần một giá trị",
        "args.positiveNumber": "{option} cần một số dương",
        "args.badDuration": """
            {option}: "{value}" không phải một khoảng thời gian;
            hãy viết một số và đơn vị ms, s, m, h hoặc d, ví dụ 30m, 12h, 7d
            """,
        "records.unreadable": "không đọc được kho dữ liệu: {reason}",
        "queue.pending": "chờ gửi   {records} bản ghi, {bytes} byte",
        "queue.oldest": "cũ nhất   seq {seq} ({type}), đã chờ {age}",
        "queue.acked": "xác nhận  broker đã nhận tới seq {seq}",
        "queue.ackedAt": "xác nhận  broker đã nhận tới seq {seq}, lúc {time}",
        "queue.stored": "đã lưu    seq mới nhất {last}, đã ghi chắc xuống đĩa tới seq {durable}",
        "queue.disk": "trên đĩa  {segments} đoạn, {bytes} / {max} byte",
        "queue.droppedNone": "bị bỏ     không có",
        "queue.dropped": "bị bỏ     {count} {reason}",
        "queue.notALoss": " (chỉ là lịch sử, không mất gì)",
        "queue.droppedSeqs": ", seq {first}-{last}",
        "queue.damaged": "bị hỏng   {records} bản ghi, {segments} đầu đoạn, đã được để riêng",
        "queue.reason.published-history": "đã gửi, xóa cho đủ chỗ",
        "queue.reason.retention": "đã gửi, quá hạn lưu",
        "queue.reason.cap-periodic": "mẫu đo định kỳ chưa gửi, kho đầy",
        "queue.reason.cap-oldest": "bản ghi cũ nhất chưa gửi, kho đầy",
        "queue.reason.rejected": "broker từ chối",
        "queue.reason.corrupt": "hỏng trên đĩa",
        "health.none": "chưa có mẫu đo mạng nào",
        "health.state.online": "trực tuyến",
        "health.state.degraded": "chập chờn",
        "health.state.portal": "bị trang đăng nhập chặn",
        "health.state.offline": "mất mạng",
        "health.cause": " (hỏng ở tầng {layer})",
        "health.loss": "mất gói {percent}%",
        "health.p50": ", độ trễ p50 {rtt}",
        "health.p95": ", p95 {rtt}",
        "events.none": "chưa ghi sự kiện nào",
        "events.unsynced": " (đồng hồ chưa đồng bộ)",
        "sessions.none": "chưa ghi phiên nào",
        "sessions.goingOn": "(đang diễn ra)",
        "sessions.active": "dùng {span}",
        "session.needsAction": "session cần start, activity hoặc end",
        "session.unknownAction": "không có thao tác session {action}: dùng start, activity hoặc end",
        "session.ended": "đã kết thúc phiên {id}: {span} ({reason})",
        "session.active": "phiên {id} đang diễn ra, được {span}",
        "session.label": ", nhãn {label}",
        "session.none": "không có phiên nào đang diễn ra",
        "session.end.user": "khách kết thúc",
        "session.end.idle": "hết giờ chờ",
        "session.end.shutdown": "kioskd tắt",
        "session.end.interrupted": "bị ngắt",
        "report.badDay": "--day cần một ngày dạng YYYY-MM-DD, không phải {day}",
        "report.configErrors": "tệp cấu hình có lỗi: {errors}",
        "report.badZone": "[device] timezone không dùng được: {reason}",
        "report.day": "ngày      {day} ({zone})",
        "report.soFar": ", tính đến lúc này",
        "report.sessions": "phiên     {count}",
        "report.durations": ", tổng {total}, trung vị {median}, dài nhất {longest}",
        "report.ended": "          kết thúc: {reasons}",
        "report.labels": "          nhãn: {labels}",
        "report.network": "mạng      có mạng {share}% trong {rounds} lượt đo; {outages} lần mất mạng",
        "report.longestOutage": ", lâu nhất {span}",
        "report.notWatched": "mạng      hôm đó không được theo dõi",
        "report.queue": "hàng đợi  {pending} đang chờ, {dropped} bị bỏ hôm đó, {lost} mất tổng cộng",
        "config.checkOnePath": "config check chỉ nhận nhiều nhất một đường dẫn",
        "config.needsSubcommand": "config cần một lệnh con: check hoặc show",
        "config.unknownSubcommand": "không có lệnh con \"{name}\"",
        "config.valid": "{file}: cấu hình hợp lệ",
        "config.noFile": "không có tệp cấu hình tại {path}: dùng các giá trị mặc định sẵn có",
        "config.refused": "{count} lỗi: kioskd sẽ không chạy hay nạp lại với tệp này",
        "config.wouldLoad": "kioskctl: kioskd không chạy; đây là cấu hình nó sẽ nạp",
        "config.shown": "# cấu hình đang dùng, lấy từ {file}",
        "config.builtIn": "các giá trị mặc định sẵn có",
        "config.reason.not-a-duration": "\"{value}\" không phải một khoảng thời gian; dùng ms, s, m, h hoặc d (ví dụ 30s)",
        "config.reason.duration-needs-unit": "\"{value}\" thiếu đơn vị: ms, s, m, h hoặc d (ví dụ 30s)",
        "config.reason.not-a-size": "\"{value}\" không phải một dung lượng; dùng B, KiB, MiB hoặc GiB (ví dụ 64MiB)",
        "config.reason.size-needs-unit": "\"{value}\" thiếu đơn vị: B, KiB, MiB hoặc GiB (ví dụ 64MiB)",
        "config.reason.not-a-boolean": "\"{value}\" không phải có hay không; dùng yes hoặc no",
        "config.reason.not-a-port": "\"{value}\" không phải một cổng (1-65535)",
        "config.reason.not-a-number": "\"{value}\" không phải một số nguyên",
        "config.reason.not-a-choice": "\"{value}\" không dùng được; hãy dùng một trong: {options}",
        "config.reason.unknown-key-near": "không có khóa này; có phải ý bạn là \"{near}\"?",
        "config.reason.unknown-key-elsewhere": "khóa này không thuộc mục này mà thuộc {sections}",
        "config.reason.unknown-key": "không có khóa này; các khóa có ở đây: {keys}",
        "reload.done": "kioskd đã nạp lại {file}",
        "fleet.cannotStart": "không khởi động được bộ nhận tin: {reason}",
        "fleet.cannotSubscribe": "không đăng ký nhận tin được ở {broker}: {reason}",
        "fleet.noAnswer": "không có trả lời trong 10 giây",
        "fleet.needsBroker": "cần --broker URL, ví dụ mqtt://10.0.0.5:1883",
        "fleet.notABrokerURL": """
            --broker {url}: không phải URL của broker;
            hãy dùng mqtt://MÁY[:CỔNG] hoặc mqtts://MÁY[:CỔNG]
            """,
        "fleet.badShare": "--share {group}: tên nhóm không được có /, + hay #",
        "fleet.badSite": "--site {site}: mã điểm không được có /, + hay #",
        "fleet.certNeedsKey": "--cert và --key phải đi cùng nhau",
        "fleet.subscribed": "đã đăng ký nhận tin",
        "fleet.connecting": "đang kết nối",
        "fleet.disconnected": "MẤT KẾT NỐI ({reason}); đang thử lại",
        "fleet.stopped": "đã dừng",
        "fleet.header": "fleet  {broker}  {filters}  {connection}",
        "fleet.totals": """
            {kiosks} kiosk: {online} trực tuyến, {offline} ngoại tuyến
            hôm nay {day}, đã theo dõi {span}
            """,
        "fleet.records": "{records} bản ghi, {duplicates} bản trùng, {missing} bản thiếu",
        "fleet.column.device": "THIẾT BỊ",
        "fleet.column.site": "ĐIỂM",
        "fleet.column.status": "TRẠNG THÁI",
        "fleet.column.lastSeen": "LIÊN LẠC CUỐI",
        "fleet.column.network": "MẠNG",
        "fleet.column.backlog": "TỒN ĐỌNG",
        "fleet.column.sessions": "PHIÊN",
        "fleet.column.outages": "MẤT MẠNG",
        "fleet.column.records": "BẢN GHI",
        "fleet.column.duplicates": "TRÙNG",
        "fleet.column.missing": "THIẾU",
        "fleet.presence.online": "trực tuyến",
        "fleet.presence.offline": "ngoại tuyến",
        "fleet.ago": "{span} trước",
        "fleet.noKiosk": "(chưa nghe thấy kiosk nào)",
        "fleet.gap": "thiếu: {device} thiếu {count} bản ghi: seq {seqs}",

        // MARK: kioskd's refusals, by the reason it gives (`ControlError.reason`)
        "refusal.forbidden": "\"{command}\" thay đổi trạng thái: chỉ root, người dùng của kioskd và nhóm của socket được phép",
        "refusal.no-leds": "chưa cấu hình đèn LED nào; thêm các mục [led.TÊN] vào tệp cấu hình (xem config/kioskd.conf)",
        "refusal.labels-off": "chưa bật nhãn phiên: liệt kê các loại trong [sessions] labels",
        "refusal.label-unknown": "nhãn \"{label}\" không thuộc {labels} ([sessions] labels)",
        "refusal.store-closed": "kho dữ liệu chưa mở được",
    ]
}
