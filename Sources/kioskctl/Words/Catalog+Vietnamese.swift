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
        "led.summary": "bật lần lượt từng đèn LED (test), hoặc cho cả bộ nháy (identify)",
        "led.help": """
            cách dùng: kioskctl led test
                       kioskctl led identify [--seconds N]

            test       Bật từng đèn LED đã cấu hình trong một giây, theo thứ tự trong
                       tệp cấu hình, rồi tắt hết trong một giây; sau đó các đèn trở
                       lại như bình thường. Hãy xem đèn được nêu tên trên màn hình có
                       đúng là đèn đang sáng không.
            identify   Cho mọi đèn LED cùng nháy (2 Hz) trong N giây (mặc định 30,
                       tối đa 3600) để tìm ra kiosk này; --seconds 0 dừng lần nháy
                       đang chạy. Lệnh cmd/identify từ broker cũng làm như vậy.
            Dành cho root, người dùng riêng của kioskd và thành viên nhóm của socket
            điều khiển. `kioskctl status` cho biết mỗi đèn đang hiển thị gì, và lỗi
            đèn nếu có.
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
    ]
}
