<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
  <context>
    <name>CameraView</name>
    <message>
      <source>Move the whole notice into the picture</source>
      <translation>請將整張通知單移入畫面</translation>
    </message>
    <message>
      <source>Lift your finger off the code</source>
      <translation>請將手指移開條碼</translation>
    </message>
    <message>
      <source>Hold the notice still, a little further away</source>
      <translation>請拿穩通知單，稍微拿遠一點</translation>
    </message>
    <message>
      <source>Hold the notice a little further away</source>
      <translation>請將通知單拿遠一點</translation>
    </message>
  </context>
  <context>
    <name>Counters</name>
    <message>
      <source>arrived / registered / seats</source>
      <translation>已報到 / 報名 / 座位</translation>
    </message>
    <message>
      <source>denied</source>
      <translation>未准入場</translation>
    </message>
    <message>
      <source>follow-ups</source>
      <translation>待追蹤</translation>
    </message>
  </context>
  <context>
    <name>DeskWindow</name>
    <message>
      <source>Link this desk to the central database %1 as desk %2? Its sync then goes there.</source>
      <translation>將本報到桌連結到中央資料庫 %1，桌名為 %2？之後的同步都送往該處。</translation>
    </message>
    <message>
      <source>Sync with it has started.</source>
      <translation>已開始與其同步。</translation>
    </message>
    <message>
      <source>Sync with it starts when the desk is next started.</source>
      <translation>下次啟動報到桌時開始與其同步。</translation>
    </message>
    <message>
      <source>Desk linked: %1</source>
      <translation>報到桌已連結：%1</translation>
    </message>
    <message>
      <source>Central database %1.</source>
      <translation>中央資料庫 %1。</translation>
    </message>
    <message>
      <source>This code is not a checkin desk link (damaged, or another program's): nothing changed. Show the desk the join code on the office's desks page again.</source>
      <translation>此條碼不是報到桌連結碼（已損壞，或屬於其他程式）：未做任何變更。請再次掃描辦公室「報到桌」頁面上的連結碼。</translation>
    </message>
    <message>
      <source>The supervisor PIN was cancelled: nothing changed.</source>
      <translation>已取消主管密碼：未做任何變更。</translation>
    </message>
    <message>
      <source>The desk could not store the link (%1): nothing changed.</source>
      <translation>報到桌無法儲存連結（%1）：未做任何變更。</translation>
    </message>
    <message>
      <source>The link was refused: %1</source>
      <translation>連結遭拒：%1</translation>
    </message>
    <message>
      <source>Desk not linked</source>
      <translation>報到桌未連結</translation>
    </message>
    <message>
      <source>Check-out mode</source>
      <translation>簽退模式</translation>
    </message>
    <message>
      <source>End of day…</source>
      <translation>日終統計…</translation>
    </message>
    <message>
      <source>Paper list (PDF)…</source>
      <translation>紙本簽到表（PDF）…</translation>
    </message>
    <message>
      <source>Paper list not saved: %1</source>
      <translation>紙本簽到表未儲存：%1</translation>
    </message>
    <message>
      <source>Save the paper sign-in list</source>
      <translation>儲存紙本簽到表</translation>
    </message>
    <message numerus="yes">
      <source>Paper list saved: %1 (%n page(s))</source>
      <translation>
        <numerusform>紙本簽到表已儲存：%1（%n 頁）</numerusform>
      </translation>
    </message>
    <message>
      <source>A scan could not be looked up (%1): scan it again after this person.</source>
      <translation>另一筆掃描無法查詢（%1）：請在這位之後重新掃描。</translation>
    </message>
    <message>
      <source>an unknown code</source>
      <translation>無法辨識的條碼</translation>
    </message>
    <message>
      <source>Next: %1 was scanned. Finish %2 first (Enter), or cancel (Esc) to serve %1 now.</source>
      <translation>下一位：已掃描 %1。請先完成 %2（Enter），或按取消（Esc）改為先辦理 %1。</translation>
    </message>
    <message>
      <source>Since %1 the desk cannot store check-ins: use the paper list until a check-in shows as stored again.</source>
      <translation>自 %1 起本報到桌無法儲存報到紀錄：請改用紙本名單，直到報到再次顯示已儲存。</translation>
    </message>
    <message>
      <source>Check-in desk</source>
      <translation>報到處</translation>
    </message>
    <message>
      <source>Desk: %1</source>
      <translation>報到桌：%1</translation>
    </message>
    <message numerus="yes">
      <source>Roster: %n registered</source>
      <translation>
        <numerusform>名單：已報名 %n 人</numerusform>
      </translation>
    </message>
    <message>
      <source>No roster for this workshop in this database</source>
      <translation>此資料庫沒有本場次的名單</translation>
    </message>
    <message>
      <source>Settings…</source>
      <translation>設定…</translation>
    </message>
    <message>
      <source>Leave kiosk…</source>
      <translation>離開自助模式…</translation>
    </message>
    <message>
      <source>Demo mode (simulated time) %1</source>
      <translation>示範模式 (模擬時間) %1</translation>
    </message>
    <message>
      <source>Camera: %1</source>
      <translation>攝影機：%1</translation>
    </message>
    <message>
      <source>No camera found: scan with the USB scanner or search by name.</source>
      <translation>找不到攝影機：請用掃描槍掃描，或以姓名搜尋。</translation>
    </message>
    <message>
      <source>Camera error (%1): scan with the USB scanner or search by name.</source>
      <translation>攝影機錯誤 (%1)：請用掃描槍掃描，或以姓名搜尋。</translation>
    </message>
    <message>
      <source>Second reading (after rest).</source>
      <translation>第二次量測（休息後）。</translation>
    </message>
    <message>
      <source>Supervisor override: %1</source>
      <translation>主管核准：%1</translation>
    </message>
    <message>
      <source>Override the door rule for %1.</source>
      <translation>為 %1 解除入場限制。</translation>
    </message>
    <message>
      <source>Undo a mistaken arrival.</source>
      <translation>撤銷誤刷的報到。</translation>
    </message>
    <message>
      <source>Arrival undone</source>
      <translation>已撤銷報到</translation>
    </message>
    <message>
      <source>Leave kiosk mode.</source>
      <translation>離開自助模式。</translation>
    </message>
    <message>
      <source>Open the settings.</source>
      <translation>開啟設定。</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>設定</translation>
    </message>
    <message>
      <source>Default camera</source>
      <translation>預設攝影機</translation>
    </message>
    <message>
      <source>Camera</source>
      <translation>攝影機</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>語言</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>追蹤</translation>
    </message>
    <message>
      <source>Result of the follow-up:</source>
      <translation>追蹤結果：</translation>
    </message>
    <message>
      <source>This desk serves %1 on %2, but by this desk's clock today is %3: every notice will be refused as not today's. Check the workshop chosen at start or the computer's date.</source>
      <translation>本報到桌服務 %2 的「%1」，但本機時鐘的今天是 %3：所有出席通知都會被判定為非今日場次。請確認啟動時選的場次或電腦日期。</translation>
    </message>
    <message>
      <source>Roster…</source>
      <translation>名單…</translation>
    </message>
  </context>
  <context>
    <name>FollowupDialog</name>
    <message>
      <source>To contact</source>
      <translation>待聯繫</translation>
    </message>
    <message>
      <source>Contacted</source>
      <translation>已聯繫</translation>
    </message>
    <message>
      <source>Saw a doctor</source>
      <translation>已就醫</translation>
    </message>
    <message>
      <source>Result noted</source>
      <translation>已記錄結果</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>追蹤</translation>
    </message>
    <message>
      <source>Advice given, doctor's visit, result…</source>
      <translation>已給予之建議、就醫情形、結果…</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>狀態</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>備註</translation>
    </message>
  </context>
  <context>
    <name>PrivacyDialog</name>
    <message>
      <source>Privacy notice</source>
      <translation>個人資料蒐集告知</translation>
    </message>
  </context>
  <context>
    <name>RecentModel</name>
    <message>
      <source>Time</source>
      <translation>時間</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Company</source>
      <translation>公司</translation>
    </message>
  </context>
  <context>
    <name>RosterModel</name>
    <message>
      <source>Arrived</source>
      <translation>已報到</translation>
    </message>
    <message>
      <source>Not yet</source>
      <translation>未到</translation>
    </message>
    <message>
      <source>Turned away</source>
      <translation>勸返</translation>
    </message>
    <message>
      <source>On the waiting list</source>
      <translation>候補中</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Company</source>
      <translation>公司</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>狀態</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>時間</translation>
    </message>
    <message>
      <source>Desk</source>
      <translation>報到桌</translation>
    </message>
  </context>
  <context>
    <name>RosterPage</name>
    <message>
      <source>Roster</source>
      <translation>報名名單</translation>
    </message>
    <message>
      <source>Back to the desk (Esc)</source>
      <translation>回到報到畫面 (Esc)</translation>
    </message>
    <message>
      <source>Everyone %1</source>
      <translation>全部 %1</translation>
    </message>
    <message>
      <source>Arrived %1</source>
      <translation>已報到 %1</translation>
    </message>
    <message>
      <source>Not yet %1</source>
      <translation>未到 %1</translation>
    </message>
    <message>
      <source>Turned away %1</source>
      <translation>勸返 %1</translation>
    </message>
    <message>
      <source>Waiting list %1</source>
      <translation>候補 %1</translation>
    </message>
  </context>
  <context>
    <name>ScreeningPanel</name>
    <message>
      <source>Health screening</source>
      <translation>健康檢查</translation>
    </message>
    <message>
      <source>Temperature °C</source>
      <translation>體溫 °C</translation>
    </message>
    <message>
      <source>e.g. 36.5</source>
      <translation>例：36.5</translation>
    </message>
    <message>
      <source>Check in (Enter)</source>
      <translation>報到 (Enter)</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>取消 (Esc)</translation>
    </message>
  </context>
  <context>
    <name>SearchPanel</name>
    <message>
      <source>Search (no notice)</source>
      <translation>搜尋（未帶出席通知）</translation>
    </message>
    <message>
      <source>Name, phone digits, company or tax ID</source>
      <translation>姓名、電話、公司或統一編號</translation>
    </message>
    <message>
      <source>Already arrived %1 at desk %2</source>
      <translation>已於 %1 在報到桌 %2 報到</translation>
    </message>
    <message>
      <source>Turned away %1 at desk %2: %3</source>
      <translation>%1 在報到桌 %2 未准入場：%3</translation>
    </message>
  </context>
  <context>
    <name>SidePanel</name>
    <message>
      <source>Waiting to measure again</source>
      <translation>等待複測體溫</translation>
    </message>
    <message>
      <source>Recent arrivals</source>
      <translation>最近報到</translation>
    </message>
    <message>
      <source>Undo selected arrival…</source>
      <translation>撤銷所選報到…</translation>
    </message>
    <message>
      <source>Follow-ups (symptoms)</source>
      <translation>追蹤名單（有症狀）</translation>
    </message>
    <message>
      <source>%1: measure again now</source>
      <translation>%1：請現在複測</translation>
    </message>
    <message>
      <source>%1: rest until %2</source>
      <translation>%1：休息至 %2</translation>
    </message>
  </context>
  <context>
    <name>SupervisorDialog</name>
    <message>
      <source>The PIN could not be checked (%1). Try again.</source>
      <translation>無法核對密碼（%1），請再試一次。</translation>
    </message>
    <message>
      <source>Supervisor</source>
      <translation>主管</translation>
    </message>
    <message>
      <source>Supervisor name</source>
      <translation>主管姓名</translation>
    </message>
    <message>
      <source>New supervisor PIN</source>
      <translation>新的主管密碼</translation>
    </message>
    <message>
      <source>Supervisor PIN</source>
      <translation>主管密碼</translation>
    </message>
    <message>
      <source>Repeat the PIN</source>
      <translation>再輸入一次密碼</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>The two PINs differ.</source>
      <translation>兩次輸入的密碼不同。</translation>
    </message>
    <message>
      <source>A PIN has at least 4 characters.</source>
      <translation>密碼至少 4 個字元。</translation>
    </message>
    <message>
      <source>A reason is required.</source>
      <translation>請填寫原因。</translation>
    </message>
    <message>
      <source>The supervisor's name is required.</source>
      <translation>請填寫主管姓名。</translation>
    </message>
    <message numerus="yes">
      <source>Wrong PIN. Try again in %n second(s).</source>
      <translation>
        <numerusform>密碼錯誤。請於 %n 秒後再試。</numerusform>
      </translation>
    </message>
    <message>
      <source>Wrong PIN.</source>
      <translation>密碼錯誤。</translation>
    </message>
  </context>
  <context>
    <name>SyncDialog</name>
    <message>
      <source>Sent again (missing centrally): %1</source>
      <translation>已重新上傳（中央資料缺漏）：%1</translation>
    </message>
    <message>
      <source>End-of-day sync</source>
      <translation>日終同步</translation>
    </message>
    <message>
      <source>Send today's check-ins to the central database.</source>
      <translation>將今日報到資料送到中央資料庫。</translation>
    </message>
    <message>
      <source>Sync now</source>
      <translation>立即同步</translation>
    </message>
    <message>
      <source>Connecting…</source>
      <translation>連線中…</translation>
    </message>
    <message>
      <source>Sending check-ins…</source>
      <translation>傳送報到資料中…</translation>
    </message>
    <message>
      <source>Updating the roster…</source>
      <translation>更新名單中…</translation>
    </message>
    <message>
      <source>Receiving other desks' check-ins…</source>
      <translation>接收其他報到桌的資料中…</translation>
    </message>
    <message>
      <source>Verifying…</source>
      <translation>驗證中…</translation>
    </message>
    <message>
      <source>Finished</source>
      <translation>完成</translation>
    </message>
    <message>
      <source>The sync failed: %1. Nothing was lost; try again.</source>
      <translation>同步失敗：%1。資料沒有遺失，請再試一次。</translation>
    </message>
    <message>
      <source>Sync complete and verified.</source>
      <translation>同步完成並已驗證。</translation>
    </message>
    <message>
      <source>Sync NOT complete: the central copy does not match yet.</source>
      <translation>同步未完成：中央資料庫尚未一致。</translation>
    </message>
    <message>
      <source>No connection to the central database. Nothing was lost.</source>
      <translation>無法連線到中央資料庫。資料沒有遺失。</translation>
    </message>
    <message>
      <source>This desk's access was revoked. Its check-ins stay here; call the office.</source>
      <translation>此報到桌的權限已撤銷。報到資料仍保留在本機；請聯絡辦公室。</translation>
    </message>
    <message>
      <source>This computer could not write: its disk is full or read-only. The check-ins stay here; free some space, then sync again.</source>
      <translation>這台電腦無法寫入資料：磁碟已滿或為唯讀。報到資料仍保留在本機；請騰出空間後再同步。</translation>
    </message>
    <message>
      <source>Sent: %1</source>
      <translation>已送出：%1</translation>
    </message>
    <message>
      <source>Confirmed: %1</source>
      <translation>已確認：%1</translation>
    </message>
    <message>
      <source>Still to send: %1</source>
      <translation>尚待傳送：%1</translation>
    </message>
    <message>
      <source>Duplicates: %1</source>
      <translation>重複：%1</translation>
    </message>
    <message>
      <source>Set aside: %1</source>
      <translation>暫存待處理：%1</translation>
    </message>
    <message>
      <source>Conflicts (over capacity or company cap): %1</source>
      <translation>衝突（超過座位或公司上限）：%1</translation>
    </message>
    <message>
      <source>Admitted twice: %1, first at %2 (%3)</source>
      <translation>重複報到：%1，首次於 %2（%3）</translation>
    </message>
    <message>
      <source>Set aside: %1 (%2)</source>
      <translation>暫存待處理：%1（%2）</translation>
    </message>
    <message>
      <source>Stopped</source>
      <translation>已中止</translation>
    </message>
    <message>
      <source>again at %1 (%2)</source>
      <translation>再次於 %1（%2）</translation>
    </message>
    <message>
      <source>Over the company cap: %1, %2 admitted, limit %3</source>
      <translation>超過公司上限：%1，已報到 %2 人，上限 %3 人</translation>
    </message>
    <message>
      <source>Over capacity: %1 admitted, limit %2</source>
      <translation>超過座位上限：已報到 %1 人，上限 %2 人</translation>
    </message>
    <message>
      <source>%1 at %2 (%3)</source>
      <translation>%1 於 %2（%3）</translation>
    </message>
    <message>
      <source>approved by a supervisor</source>
      <translation>主管核准</translation>
    </message>
    <message>
      <source>over the limit</source>
      <translation>超過上限</translation>
    </message>
    <message>
      <source>Left out (central check-ins this desk cannot store; tell the office): %1</source>
      <translation>未存入（本機無法存放的中央報到資料；請通知辦公室）：%1</translation>
    </message>
    <message>
      <source>This computer's clock is more than 5 minutes off: set it before working offline.</source>
      <translation>這台電腦的時鐘誤差超過 5 分鐘：離線作業前請先校正。</translation>
    </message>
  </context>
  <context>
    <name>SyncStatusWidget</name>
    <message>
      <source>Not linked to central</source>
      <translation>尚未連結中央資料庫</translation>
    </message>
    <message>
      <source>Online</source>
      <translation>連線中</translation>
    </message>
    <message>
      <source>Offline</source>
      <translation>離線</translation>
    </message>
    <message numerus="yes">
      <source>%n event(s) to send</source>
      <translation>
        <numerusform>%n 筆待傳送</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n set aside</source>
      <translation>
        <numerusform>%n 筆暫存待處理</numerusform>
      </translation>
    </message>
    <message>
      <source>Last sync %1</source>
      <translation>上次同步 %1</translation>
    </message>
    <message>
      <source>Never synced</source>
      <translation>尚未同步過</translation>
    </message>
    <message>
      <source>Last exchange %1</source>
      <translation>上次與中央交換 %1</translation>
    </message>
    <message>
      <source>Clock is off: not ready for offline</source>
      <translation>時鐘不準：無法離線作業</translation>
    </message>
  </context>
  <context>
    <name>VerdictBanner</name>
    <message>
      <source>Check-out: scan a notice to record leaving</source>
      <translation>簽退：請掃描出席通知以記錄離場</translation>
    </message>
    <message>
      <source>Supervisor approval…</source>
      <translation>主管核准…</translation>
    </message>
    <message>
      <source>Ready: scan a notice or search by name</source>
      <translation>請掃描出席通知，或以姓名搜尋</translation>
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <source>Central credentials file unusable (%1): not linked; check-in works offline.</source>
      <translation>中央連線憑證檔無法使用（%1）：未連線，報到仍可離線進行。</translation>
    </message>
    <message>
      <source>Check-in desk</source>
      <translation>報到處</translation>
    </message>
  </context>
  <context>
    <name>messages</name>
    <message>
      <source>Already checked out</source>
      <translation>已簽退</translation>
    </message>
    <message>
      <source>Checked out at %1</source>
      <translation>簽退時間 %1</translation>
    </message>
    <message>
      <source>Checked out: goodbye</source>
      <translation>簽退完成，再見</translation>
    </message>
    <message>
      <source>Coming back in</source>
      <translation>再次入場</translation>
    </message>
    <message>
      <source>Departure stored.</source>
      <translation>簽退已儲存。</translation>
    </message>
    <message>
      <source>Full attendance: in by %1, checked out at %2 or later</source>
      <translation>全程參與：%1 前報到、%2 後簽退</translation>
    </message>
    <message>
      <source>Full attendance: in by %1, stays to %2 (departures not scanned)</source>
      <translation>全程參與：%1 前報到、留到 %2（本場不掃描簽退）</translation>
    </message>
    <message>
      <source>Left at %1</source>
      <translation>%1 簽退</translation>
    </message>
    <message>
      <source>Left at %1, before the end (%2)</source>
      <translation>%1 簽退，早於結束時間（%2）</translation>
    </message>
    <message>
      <source>Left earlier today; the return is being stored.</source>
      <translation>今天稍早已簽退；正在記錄返回。</translation>
    </message>
    <message>
      <source>No arrival today for this person: nothing was recorded. Check them in first if they are here.</source>
      <translation>此人今天沒有報到紀錄：未記錄任何資料。若本人在場，請先辦理報到。</translation>
    </message>
    <message>
      <source>Not checked in</source>
      <translation>尚未報到</translation>
    </message>
    <message>
      <source>Nothing to do; switch to check-in if they are coming back in.</source>
      <translation>無需處理；若要再次入場，請切換回報到模式。</translation>
    </message>
    <message>
      <source>Return stored; screened at the first arrival today.</source>
      <translation>返回已記錄；今天首次報到時已完成健康篩檢。</translation>
    </message>
    <message>
      <source>Welcome back</source>
      <translation>歡迎回來</translation>
    </message>
    <message>
      <source>Check-in has not opened yet.</source>
      <translation>尚未開放報到。</translation>
    </message>
    <message numerus="yes">
      <source>Check-in opens %n minute(s) before the start.</source>
      <translation>
        <numerusform>開課前 %n 分鐘開放報到。</numerusform>
      </translation>
    </message>
    <message>
      <source>The second reading is a fever too. Offer the online course link.</source>
      <translation>複測仍為發燒。請提供線上課程連結。</translation>
    </message>
    <message>
      <source>The second reading is still over %1 °C. Offer the online course link.</source>
      <translation>複測仍超過 %1 °C。請提供線上課程連結。</translation>
    </message>
    <message>
      <source>Admitted: welcome</source>
      <translation>報到完成，歡迎入場</translation>
    </message>
    <message>
      <source>Arrival stored.</source>
      <translation>報到已記錄。</translation>
    </message>
    <message>
      <source>Admitted by supervisor override</source>
      <translation>主管核准入場</translation>
    </message>
    <message>
      <source>Arrival and override stored.</source>
      <translation>報到與核准已記錄。</translation>
    </message>
    <message>
      <source>Already checked in</source>
      <translation>已經報到過</translation>
    </message>
    <message>
      <source>This notice was already used.</source>
      <translation>這張出席通知已使用過。</translation>
    </message>
    <message>
      <source>Health screening</source>
      <translation>健康檢查</translation>
    </message>
    <message>
      <source>Measure the temperature and ask the three health questions.</source>
      <translation>請量體溫並詢問三項健康聲明。</translation>
    </message>
    <message>
      <source>Not registered</source>
      <translation>查無報名資料</translation>
    </message>
    <message>
      <source>No registration for this notice. Ask for name or phone.</source>
      <translation>查無此通知的報名。請詢問姓名或電話。</translation>
    </message>
    <message>
      <source>Notice for another workshop</source>
      <translation>非本場次的出席通知</translation>
    </message>
    <message>
      <source>This notice is for a different session.</source>
      <translation>這張出席通知屬於其他場次。</translation>
    </message>
    <message>
      <source>Not today's workshop</source>
      <translation>不是今天的場次</translation>
    </message>
    <message>
      <source>This workshop is not held today.</source>
      <translation>本場次不在今天舉行。</translation>
    </message>
    <message>
      <source>Check-in not open yet</source>
      <translation>尚未開放報到</translation>
    </message>
    <message>
      <source>Check-in closed</source>
      <translation>報到已截止</translation>
    </message>
    <message>
      <source>The workshop has ended.</source>
      <translation>本場次已結束。</translation>
    </message>
    <message>
      <source>Registration cancelled</source>
      <translation>報名已取消</translation>
    </message>
    <message>
      <source>This registration was cancelled.</source>
      <translation>此筆報名已取消。</translation>
    </message>
    <message>
      <source>Workshop cancelled</source>
      <translation>本場次已取消</translation>
    </message>
    <message>
      <source>This session was cancelled.</source>
      <translation>本場次已停辦。</translation>
    </message>
    <message>
      <source>On the waiting list</source>
      <translation>候補中</translation>
    </message>
    <message>
      <source>No seat confirmed; a supervisor may override.</source>
      <translation>尚未確認座位；主管可核准入場。</translation>
    </message>
    <message>
      <source>All seats taken</source>
      <translation>座位已滿</translation>
    </message>
    <message>
      <source>The on-site seats are full; a supervisor may override.</source>
      <translation>現場座位已滿；主管可核准入場。</translation>
    </message>
    <message>
      <source>Company limit reached</source>
      <translation>同公司人數已達上限</translation>
    </message>
    <message>
      <source>This company already has its maximum on site; a supervisor may override.</source>
      <translation>此公司到場人數已達上限；主管可核准入場。</translation>
    </message>
    <message>
      <source>Temperature needed</source>
      <translation>請輸入體溫</translation>
    </message>
    <message>
      <source>Type the temperature and press Enter.</source>
      <translation>輸入體溫後按 Enter。</translation>
    </message>
    <message>
      <source>Implausible temperature</source>
      <translation>體溫讀數不合理</translation>
    </message>
    <message>
      <source>That reading is not a body temperature. Measure again.</source>
      <translation>這不是合理的體溫，請重新量測。</translation>
    </message>
    <message>
      <source>Temperature high: rest, then measure again</source>
      <translation>體溫偏高：請休息後複測</translation>
    </message>
    <message>
      <source>Please sit down for a few minutes.</source>
      <translation>請先坐下休息幾分鐘。</translation>
    </message>
    <message>
      <source>Fever: may not attend</source>
      <translation>發燒：不能入場</translation>
    </message>
    <message>
      <source>May not attend today</source>
      <translation>今日不能入場</translation>
    </message>
    <message>
      <source>Did not pass the health declaration. Offer the online course link.</source>
      <translation>健康聲明未通過。請提供線上課程連結。</translation>
    </message>
    <message>
      <source>Code not recognised</source>
      <translation>無法辨識的條碼</translation>
    </message>
    <message>
      <source>Not a check-in notice. Scan again or search by name.</source>
      <translation>不是出席通知。請再掃一次，或以姓名搜尋。</translation>
    </message>
    <message>
      <source>NOT recorded</source>
      <translation>未記錄！</translation>
    </message>
    <message>
      <source>The desk could not store this. Use the paper list.</source>
      <translation>系統無法記錄。請改用紙本名單。</translation>
    </message>
    <message>
      <source>Travel abroad in the last 14 days</source>
      <translation>近 14 日有國外旅遊史</translation>
    </message>
    <message>
      <source>Contact with a confirmed case</source>
      <translation>曾接觸確診者</translation>
    </message>
    <message>
      <source>Respiratory symptoms (cough, sore throat, fever)</source>
      <translation>有呼吸道症狀（咳嗽、喉嚨痛、發燒）</translation>
    </message>
    <message>
      <source>travel history</source>
      <translation>旅遊史</translation>
    </message>
    <message>
      <source>contact with a confirmed case</source>
      <translation>接觸確診者</translation>
    </message>
    <message>
      <source>respiratory symptoms</source>
      <translation>呼吸道症狀</translation>
    </message>
    <message>
      <source>Wear a mask, defer attendance and see a doctor; staff will follow up.</source>
      <translation>請戴口罩、暫緩參加並就醫；工作人員會追蹤。</translation>
    </message>
    <message>
      <source>First arrival %1 at desk %2</source>
      <translation>首次報到 %1，報到桌 %2</translation>
    </message>
    <message numerus="yes">
      <source>At most %n per company</source>
      <translation>
        <numerusform>每家公司最多 %n 人</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>All %n on-site seats are taken</source>
      <translation>
        <numerusform>現場 %n 個座位已滿</numerusform>
      </translation>
    </message>
    <message>
      <source>Notice for workshop %1</source>
      <translation>出席通知屬於場次 %1</translation>
    </message>
    <message>
      <source>Check-in opens at %1</source>
      <translation>%1 開放報到</translation>
    </message>
    <message>
      <source>This desk serves the workshop on %1</source>
      <translation>本報到桌服務 %1 的場次</translation>
    </message>
    <message>
      <source>Reason: %1</source>
      <translation>原因：%1</translation>
    </message>
    <message>
      <source>Typed: %1</source>
      <translation>輸入值：%1</translation>
    </message>
    <message>
      <source>Error: %1</source>
      <translation>錯誤：%1</translation>
    </message>
    <message>
      <source>Measure again now</source>
      <translation>請現在複測</translation>
    </message>
    <message>
      <source>Measure again at %1 (in %2:%3)</source>
      <translation>%1 複測（還有 %2:%3）</translation>
    </message>
    <message>
      <source>This database holds no workshops, so there is no roster to check against. Pull the roster for this desk (checkin sync) or try the demo (checkin demo).</source>
      <translation>此資料庫沒有任何場次，無名單可核對。請先下載本報到桌的名單 (checkin sync)，或試用示範 (checkin demo)。</translation>
    </message>
    <message>
      <source>Workshop "%1" is not in this database. It holds:</source>
      <translation>此資料庫沒有場次「%1」。資料庫中的場次：</translation>
    </message>
    <message>
      <source>The database file is damaged (%1). It was moved aside untouched to %2. Start from a fresh copy and keep the damaged file.</source>
      <translation>資料庫檔案已損壞 (%1)，已原封不動移到 %2。請從新的副本開始，並保留損壞的檔案。</translation>
    </message>
    <message>
      <source>This database was written by a newer version of checkin. Install the newer version; nothing was changed.</source>
      <translation>此資料庫由較新版本的 checkin 建立。請安裝新版本；資料未被更動。</translation>
    </message>
    <message>
      <source>Cannot open the database: %1</source>
      <translation>無法開啟資料庫：%1</translation>
    </message>
    <message>
      <source>the disk is full</source>
      <translation>磁碟已滿</translation>
    </message>
    <message>
      <source>the database cannot be written (read-only)</source>
      <translation>資料庫無法寫入（唯讀）</translation>
    </message>
    <message>
      <source>the database is locked by another program</source>
      <translation>資料庫被其他程式鎖定</translation>
    </message>
    <message>
      <source>disk read/write error</source>
      <translation>磁碟讀寫錯誤</translation>
    </message>
    <message>
      <source>Already sent home today (travel, contact or symptoms); a supervisor can review it</source>
      <translation>今日已因旅遊史、接觸史或症狀勸返；如有疑問請洽督導</translation>
    </message>
    <message>
      <source>database error</source>
      <translation>資料庫錯誤</translation>
    </message>
    <message>
      <source>Too early: this reading does not count</source>
      <translation>太早量測：這次讀數不算</translation>
    </message>
    <message>
      <source>The rest is not over yet, so nothing was recorded. Measure again when it is.</source>
      <translation>休息時間還沒到，這次讀數未記錄。時間到了請再量一次。</translation>
    </message>
    <message>
      <source>This notice is for %1 (%2) on %3 at %4</source>
      <translation>這張通知是 %3 在 %4 舉辦的「%1」（%2）</translation>
    </message>
    <message>
      <source>The reading is a fever; the rules allow no second reading. Offer the online course link.</source>
      <translation>體溫超過標準；依規定不複測。請提供線上課程連結。</translation>
    </message>
    <message>
      <source>The reading is over %1 °C; the rules allow no second reading. Offer the online course link.</source>
      <translation>體溫超過 %1 °C；依規定不複測。請提供線上課程連結。</translation>
    </message>
    <message>
      <source>Screening: off</source>
      <translation>篩檢：未啟用</translation>
    </message>
    <message>
      <source>Screening: &gt;%1 °C may not attend (no re-measure)</source>
      <translation>篩檢：&gt;%1°C 不得入場（不複測）</translation>
    </message>
    <message>
      <source>Screening: &gt;%1 °C: measure again after %2 min rest</source>
      <translation>篩檢：&gt;%1°C 休息 %2 分鐘後複測</translation>
    </message>
  </context>
  <context>
    <name>DayModel</name>
    <message>
      <source>(%1 min late)</source>
      <translation>（遲到 %1 分）</translation>
    </message>
    <message>
      <source>Absent</source>
      <translation>缺席</translation>
    </message>
    <message>
      <source>Arrived</source>
      <translation>報到</translation>
    </message>
    <message>
      <source>Company</source>
      <translation>公司</translation>
    </message>
    <message>
      <source>Full attendance</source>
      <translation>全程參與</translation>
    </message>
    <message>
      <source>Late</source>
      <translation>遲到</translation>
    </message>
    <message>
      <source>Left early</source>
      <translation>提早離開</translation>
    </message>
    <message>
      <source>Left</source>
      <translation>簽退</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Not checked out</source>
      <translation>未簽退</translation>
    </message>
    <message>
      <source>Out and back</source>
      <translation>離場又返回</translation>
    </message>
    <message>
      <source>Turned away</source>
      <translation>未准入場</translation>
    </message>
    <message>
      <source>Whole course</source>
      <translation>全程參與</translation>
    </message>
  </context>
  <context>
    <name>SummaryPage</name>
    <message>
      <source>Out and back: left and came back in (lunch, a call). Whole course: the workshop's full-attendance rule above.</source>
      <translation>離場又返回：簽退後再次入場（午餐、接電話）。全程參與：依上方本場次的全程參與規則。</translation>
    </message>
    <message>
      <source>Arrived</source>
      <translation>已報到</translation>
    </message>
    <message>
      <source>Back to the desk</source>
      <translation>回到報到畫面</translation>
    </message>
    <message>
      <source>Certified</source>
      <translation>核發證明</translation>
    </message>
    <message>
      <source>End of the day: before the sync</source>
      <translation>日終統計：同步之前</translation>
    </message>
    <message>
      <source>Full attendance</source>
      <translation>全程參與</translation>
    </message>
    <message>
      <source>Late</source>
      <translation>遲到</translation>
    </message>
    <message>
      <source>Left early</source>
      <translation>提早離開</translation>
    </message>
    <message>
      <source>Registered</source>
      <translation>已報名</translation>
    </message>
    <message>
      <source>Turned away</source>
      <translation>未准入場</translation>
    </message>
    <message>
      <source>Waiting list</source>
      <translation>候補</translation>
    </message>
  </context>
  <context>
    <name>OfficeWindow</name>
    <message>
      <source>Workshops</source>
      <translation>場次</translation>
    </message>
    <message>
      <source>Registrations</source>
      <translation>報名資料</translation>
    </message>
    <message>
      <source>Notices and e-mails</source>
      <translation>通知與電子郵件</translation>
    </message>
    <message>
      <source>Desks</source>
      <translation>報到台</translation>
    </message>
    <message>
      <source>Check-in office</source>
      <translation>報到系統辦公室</translation>
    </message>
    <message>
      <source>Database: this computer's office file (no central server): %1</source>
      <translation>資料庫：本機辦公室檔案（未連中央伺服器）：%1</translation>
    </message>
    <message>
      <source>Database: central server %1</source>
      <translation>資料庫：中央伺服器 %1</translation>
    </message>
    <message>
      <source>The day, live</source>
      <translation>今日即時</translation>
    </message>
    <message>
      <source>Follow-ups and health data</source>
      <translation>追蹤與健康資料</translation>
    </message>
    <message>
      <source>After the day</source>
      <translation>課後作業</translation>
    </message>
  </context>
  <context>
    <name>AddDeskDialog</name>
    <message>
      <source>Add a desk</source>
      <translation>新增報到台</translation>
    </message>
    <message>
      <source>e.g. front-1</source>
      <translation>例如 front-1</translation>
    </message>
    <message>
      <source>Desk name</source>
      <translation>報到台名稱</translation>
    </message>
    <message>
      <source>Workshops</source>
      <translation>場次</translation>
    </message>
    <message>
      <source>Add desk</source>
      <translation>新增報到台</translation>
    </message>
  </context>
  <context>
    <name>CancelDialog</name>
    <message>
      <source>Cancel %1</source>
      <translation>取消 %1</translation>
    </message>
    <message>
      <source>Cancel %1 on %2? The QR codes of its %3 registrants will answer “workshop cancelled” at the desk once the desks have synced.</source>
      <translation>確定取消 %2 的 %1？報到台同步後，%3 位報名者的 QR Code 將顯示「場次已取消」。</translation>
    </message>
    <message>
      <source>e.g. level 3 alert</source>
      <translation>例如 三級警戒</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Cancel the workshop</source>
      <translation>取消此場次</translation>
    </message>
    <message>
      <source>Keep it</source>
      <translation>保留</translation>
    </message>
  </context>
  <context>
    <name>DesksModel</name>
    <message>
      <source>Desk</source>
      <translation>報到台</translation>
    </message>
    <message>
      <source>Workshops</source>
      <translation>場次</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>狀態</translation>
    </message>
    <message>
      <source>Events received</source>
      <translation>已收到事件</translation>
    </message>
    <message>
      <source>Newest event (desk clock)</source>
      <translation>最新事件（報到台時間）</translation>
    </message>
    <message>
      <source>Events still on the desk</source>
      <translation>報到台尚未上傳</translation>
    </message>
    <message>
      <source>revoked</source>
      <translation>已撤銷</translation>
    </message>
    <message>
      <source>active</source>
      <translation>使用中</translation>
    </message>
    <message>
      <source>not reported</source>
      <translation>未回報</translation>
    </message>
    <message>
      <source>Last sync</source>
      <translation>上次同步</translation>
    </message>
  </context>
  <context>
    <name>DesksPage</name>
    <message>
      <source>Desks need a central server. This office works on this computer's own database: start it with “checkin office --central URL” (PostgreSQL) to add desks, give them registrations and receive their arrivals.</source>
      <translation>報到台需要中央伺服器。此辦公室目前使用本機資料庫：請以「checkin office --central URL」（PostgreSQL）啟動，才能新增報到台、提供報名名冊並接收報到紀錄。</translation>
    </message>
    <message>
      <source>Hide the code</source>
      <translation>隱藏條碼</translation>
    </message>
    <message>
      <source>Add desk…</source>
      <translation>新增報到台…</translation>
    </message>
    <message>
      <source>Revoke…</source>
      <translation>撤銷…</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>重新整理</translation>
    </message>
    <message>
      <source>Desk %1 added. Its provisioning file: %2</source>
      <translation>已新增報到台 %1。佈建檔：%2</translation>
    </message>
    <message>
      <source>Let desk %1 scan this code, or copy its provisioning file to it on a USB stick; there run “checkin sync join” with the file or the code's text. The code holds the desk's password: hide it when done, delete the file once handed over.</source>
      <translation>請讓報到台 %1 掃描此條碼，或以隨身碟複製佈建檔過去；在報到台上以檔案或條碼內容執行「checkin sync join」。條碼含報到台密碼：完成後請隱藏，佈建檔交付後請刪除。</translation>
    </message>
    <message>
      <source>This provisioning (%1 bytes, with the server's certificate) is too big for a camera to read: copy the file to the desk on a USB stick and run “checkin sync join FILE” there.</source>
      <translation>此佈建資料（%1 位元組，含伺服器憑證）太大，攝影機無法讀取：請以隨身碟將檔案複製到報到台，並在該處執行「checkin sync join 檔案」。</translation>
    </message>
    <message>
      <source>Revoke %1</source>
      <translation>撤銷 %1</translation>
    </message>
    <message>
      <source>Revoke desk %1? It can no longer sync; the events it has not synced stay on it (checkin sync export).</source>
      <translation>確定撤銷報到台 %1？撤銷後無法再同步；尚未同步的事件仍保留在該報到台（checkin sync export）。</translation>
    </message>
    <message>
      <source>Revoke</source>
      <translation>撤銷</translation>
    </message>
    <message>
      <source>Keep it</source>
      <translation>保留</translation>
    </message>
    <message>
      <source>Desk %1 revoked: it can no longer sync; its unsynced events stay on it.</source>
      <translation>已撤銷報到台 %1：無法再同步；未同步的事件仍保留在該報到台。</translation>
    </message>
    <message>
      <source>A desk of that name exists: revoke it first to provision it again (%1).</source>
      <translation>已有同名報到台：請先撤銷才能重新佈建（%1）。</translation>
    </message>
    <message>
      <source>Choose at least one workshop of this database.</source>
      <translation>請至少選擇一個此資料庫的場次。</translation>
    </message>
    <message>
      <source>No such desk.</source>
      <translation>沒有這個報到台。</translation>
    </message>
    <message>
      <source>Could not do it: %1</source>
      <translation>無法完成：%1</translation>
    </message>
  </context>
  <context>
    <name>RescheduleDialog</name>
    <message>
      <source>Reschedule %1</source>
      <translation>改期 %1</translation>
    </message>
    <message>
      <source>e.g. typhoon day off</source>
      <translation>例如 颱風停班</translation>
    </message>
    <message>
      <source>New date</source>
      <translation>新日期</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Schedule this cancelled workshop again: its notices admit people again</source>
      <translation>恢復此已取消的場次：其出席通知將可再次入場</translation>
    </message>
    <message>
      <source>%1 is cancelled. It becomes scheduled again only if you say so here.</source>
      <translation>%1 已取消。唯有在此明確勾選，才會恢復舉辦。</translation>
    </message>
    <message>
      <source>Reschedule</source>
      <translation>改期</translation>
    </message>
  </context>
  <context>
    <name>WorkshopsModel</name>
    <message>
      <source>Workshop</source>
      <translation>場次</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Venue</source>
      <translation>地點</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>狀態</translation>
    </message>
    <message>
      <source>Registered</source>
      <translation>報名</translation>
    </message>
    <message>
      <source>Waitlisted</source>
      <translation>候補</translation>
    </message>
    <message>
      <source>Notices sent</source>
      <translation>已寄通知</translation>
    </message>
    <message>
      <source>Arrived</source>
      <translation>已報到</translation>
    </message>
    <message>
      <source>Turned away</source>
      <translation>未獲入場</translation>
    </message>
    <message>
      <source>Left early</source>
      <translation>提早離場</translation>
    </message>
    <message>
      <source>Certified</source>
      <translation>已發證書</translation>
    </message>
    <message>
      <source>scheduled</source>
      <translation>如期舉辦</translation>
    </message>
    <message>
      <source>cancelled</source>
      <translation>已取消</translation>
    </message>
  </context>
  <context>
    <name>WorkshopsPage</name>
    <message>
      <source>This office works on this computer's own database, without a central server. Registrations imported here stay here: the desks know them only when they are imported into the central database the desks sync with.</source>
      <translation>此辦公室使用本機資料庫，未連中央伺服器。在此匯入的報名資料只存在本機：報名資料必須匯入報到台同步的中央資料庫，報到台才會知道。</translation>
    </message>
    <message>
      <source>Reschedule…</source>
      <translation>改期…</translation>
    </message>
    <message>
      <source>Cancel workshop…</source>
      <translation>取消場次…</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>重新整理</translation>
    </message>
    <message>
      <source>%1 cancelled. The QR codes of its %2 registrants now answer “workshop cancelled” at the desk, once the desks have synced.</source>
      <translation>%1 已取消。報到台同步後，%2 位報名者的 QR Code 將顯示「場次已取消」。</translation>
    </message>
    <message>
      <source>%1 is scheduled again on %3: its %2 registrants’ notices admit again and are due to be sent again (same QR codes).</source>
      <translation>%1 已恢復，改於 %3 舉辦：%2 位報名者的通知可再次入場，並須重寄（QR Code 不變）。</translation>
    </message>
    <message>
      <source>%1 moved from %4 to %3: the notices of its %2 registrants are due again (same QR codes); send them from the notices page.</source>
      <translation>%1 已由 %4 改期至 %3：%2 位報名者的通知須重寄（QR Code 不變），請至通知頁寄出。</translation>
    </message>
    <message>
      <source>This workshop is cancelled: it is scheduled again only when you tick “schedule this cancelled workshop again”.</source>
      <translation>此場次已取消：須勾選「恢復此已取消的場次」才會恢復舉辦。</translation>
    </message>
    <message>
      <source>The workshop is already on that date.</source>
      <translation>此場次已在該日期。</translation>
    </message>
    <message>
      <source>The workshop is already cancelled.</source>
      <translation>此場次已經取消。</translation>
    </message>
    <message>
      <source>No such workshop in this database.</source>
      <translation>此資料庫沒有這個場次。</translation>
    </message>
    <message>
      <source>Could not do it: %1</source>
      <translation>無法完成：%1</translation>
    </message>
  </context>
  <context>
    <name>online_messages</name>
    <message>
      <source>Online only</source>
      <translation>僅線上辦理</translation>
    </message>
    <message>
      <source>This session is held online only; the link was e-mailed to every registrant.</source>
      <translation>本場次改為線上辦理，連結已寄給所有報名者；現場不開放報到。</translation>
    </message>
  </context>
  <context>
    <name>RegistrationsPage</name>
    <message>
      <source>Registered</source>
      <translation>已報名</translation>
    </message>
    <message>
      <source>Waitlisted</source>
      <translation>候補</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <source>New</source>
      <translation>新增</translation>
    </message>
    <message>
      <source>Updated</source>
      <translation>已更新</translation>
    </message>
    <message>
      <source>Unchanged</source>
      <translation>未變更</translation>
    </message>
    <message>
      <source>Not imported</source>
      <translation>未匯入</translation>
    </message>
    <message>
      <source>Name missing</source>
      <translation>缺姓名</translation>
    </message>
    <message>
      <source>Company missing</source>
      <translation>缺公司名稱</translation>
    </message>
    <message>
      <source>E-mail missing</source>
      <translation>缺電子郵件</translation>
    </message>
    <message>
      <source>Malformed e-mail</source>
      <translation>電子郵件格式錯誤</translation>
    </message>
    <message>
      <source>Bad tax ID (ignored)</source>
      <translation>統一編號檢查碼錯誤（略過）</translation>
    </message>
    <message>
      <source>Phone normalised</source>
      <translation>電話已標準化</translation>
    </message>
    <message>
      <source>Phone not recognised</source>
      <translation>電話號碼無法辨識</translation>
    </message>
    <message>
      <source>Same person twice</source>
      <translation>重複報名</translation>
    </message>
    <message>
      <source>Company limit reached: waitlisted</source>
      <translation>同公司已滿額，列候補</translation>
    </message>
    <message>
      <source>Seats full: waitlisted</source>
      <translation>名額已滿，列候補</translation>
    </message>
    <message>
      <source>Another workshop</source>
      <translation>其他場次</translation>
    </message>
    <message>
      <source>Cancelled in the file</source>
      <translation>檔案中已取消</translation>
    </message>
    <message>
      <source>Incomplete row</source>
      <translation>欄位不足</translation>
    </message>
    <message>
      <source>Control characters removed</source>
      <translation>已移除控制字元</translation>
    </message>
    <message>
      <source>Name too long</source>
      <translation>姓名過長</translation>
    </message>
    <message>
      <source>Company name too long</source>
      <translation>公司名稱過長</translation>
    </message>
    <message>
      <source>Line</source>
      <translation>列</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Company</source>
      <translation>公司</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>結果</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>狀態</translation>
    </message>
    <message>
      <source>Issues</source>
      <translation>問題</translation>
    </message>
    <message>
      <source>E-mail</source>
      <translation>電子郵件</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>電話</translation>
    </message>
    <message>
      <source>Workshop</source>
      <translation>場次</translation>
    </message>
    <message>
      <source>Choose file…</source>
      <translation>選擇檔案…</translation>
    </message>
    <message>
      <source>Try the sample file</source>
      <translation>試用範例檔</translation>
    </message>
    <message>
      <source>No file chosen</source>
      <translation>尚未選擇檔案</translation>
    </message>
    <message>
      <source>Apply import</source>
      <translation>確定匯入</translation>
    </message>
    <message>
      <source>Import the registration website's file</source>
      <translation>匯入報名網站的檔案</translation>
    </message>
    <message>
      <source>Search name, company, e-mail or phone</source>
      <translation>搜尋姓名、公司、電子郵件或電話</translation>
    </message>
    <message>
      <source>All</source>
      <translation>全部</translation>
    </message>
    <message>
      <source>Roster</source>
      <translation>報名名單</translation>
    </message>
    <message>
      <source>Registration file</source>
      <translation>報名檔案</translation>
    </message>
    <message>
      <source>Registration exports (*.csv *.xlsx)</source>
      <translation>報名匯出檔 (*.csv *.xlsx)</translation>
    </message>
    <message>
      <source>Reading…</source>
      <translation>讀取中…</translation>
    </message>
    <message>
      <source>Imported.</source>
      <translation>已匯入。</translation>
    </message>
    <message>
      <source>This file cannot be imported (%1); nothing was changed.</source>
      <translation>此檔案無法匯入（%1），資料庫未變更。</translation>
    </message>
    <message>
      <source>New %1, updated %2, unchanged %3, cancelled %4, waitlisted %5, not imported %6.</source>
      <translation>新增 %1、更新 %2、未變 %3、取消 %4、候補 %5、未匯入 %6。</translation>
    </message>
    <message>
      <source>Dry run: nothing written yet.</source>
      <translation>試算：尚未寫入。</translation>
    </message>
    <message>
      <source>%1 people</source>
      <translation>%1 人</translation>
    </message>
  </context>
  <context>
    <name>NoticesPage</name>
    <message>
      <source>No e-mail address</source>
      <translation>沒有電子郵件</translation>
    </message>
    <message>
      <source>Malformed e-mail address</source>
      <translation>電子郵件格式錯誤</translation>
    </message>
    <message>
      <source>The mail server refused the address</source>
      <translation>郵件伺服器拒收此地址</translation>
    </message>
    <message>
      <source>The mail server refused the message</source>
      <translation>郵件伺服器拒收此信</translation>
    </message>
    <message>
      <source>Connection lost</source>
      <translation>連線中斷</translation>
    </message>
    <message>
      <source>Mail server error</source>
      <translation>郵件伺服器錯誤</translation>
    </message>
    <message>
      <source>Level-3 alert</source>
      <translation>三級警戒</translation>
    </message>
    <message>
      <source>Hold %1 online only? Its QR codes will no longer admit anyone at the door, and every registrant and the waitlist will be e-mailed the link.</source>
      <translation>確定 %1 改為僅線上辦理？其 QR Code 將無法於現場報到，所有報名者與候補者將收到線上課程連結。</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>E-mail</source>
      <translation>電子郵件</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Workshop</source>
      <translation>場次</translation>
    </message>
    <message>
      <source>SMTP server</source>
      <translation>SMTP 伺服器</translation>
    </message>
    <message>
      <source>Sender</source>
      <translation>寄件者</translation>
    </message>
    <message>
      <source>Security</source>
      <translation>加密方式</translation>
    </message>
    <message>
      <source>SMTP user</source>
      <translation>SMTP 帳號</translation>
    </message>
    <message>
      <source>Online course link</source>
      <translation>線上課程連結</translation>
    </message>
    <message>
      <source>Preview</source>
      <translation>預覽</translation>
    </message>
    <message>
      <source>Render to folder…</source>
      <translation>輸出至資料夾…</translation>
    </message>
    <message>
      <source>Send notices</source>
      <translation>寄送出席通知</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>暫停</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>繼續</translation>
    </message>
    <message>
      <source>Save link</source>
      <translation>儲存連結</translation>
    </message>
    <message>
      <source>Send online link</source>
      <translation>寄送線上課程連結</translation>
    </message>
    <message>
      <source>Level-3 alert: online only</source>
      <translation>三級警戒：改為線上</translation>
    </message>
    <message>
      <source>Not sent (retried by the next send)</source>
      <translation>未寄出（下次寄送時重試）</translation>
    </message>
    <message>
      <source>Nobody registered yet</source>
      <translation>尚無報名者</translation>
    </message>
    <message>
      <source>Folder for the notices</source>
      <translation>通知存放資料夾</translation>
    </message>
    <message>
      <source>Rendering…</source>
      <translation>產生中…</translation>
    </message>
    <message>
      <source>%1 notices written.</source>
      <translation>已產生 %1 份通知。</translation>
    </message>
    <message>
      <source>Link saved.</source>
      <translation>連結已儲存。</translation>
    </message>
    <message>
      <source>Sending…</source>
      <translation>寄送中…</translation>
    </message>
    <message>
      <source>Sent %1, failed %2, sent before %3, not reached %4.</source>
      <translation>已寄 %1、失敗 %2、先前已寄 %3、未寄 %4。</translation>
    </message>
    <message>
      <source>Paused.</source>
      <translation>已暫停。</translation>
    </message>
    <message>
      <source>Stopped: %1</source>
      <translation>已停止：%1</translation>
    </message>
    <message>
      <source>The workshop was cancelled: “Send notices” now sends its registrants and waiting list the cancellation.</source>
      <translation>場次已取消：按「寄送通知」即寄出取消通知給報名者與候補者。</translation>
    </message>
    <message>
      <source>The workshop was moved: “Send notices” now sends its registrants the new date (same QR codes).</source>
      <translation>場次已改期：按「寄送通知」即寄出新日期的出席通知給報名者（QR Code 不變）。</translation>
    </message>
  </context>
  <context>
    <name>DayConflictsModel</name>
    <message>
      <source>Admitted twice</source>
      <translation>重複入場</translation>
    </message>
    <message>
      <source>First arrival</source>
      <translation>首次報到</translation>
    </message>
    <message>
      <source>Over the company cap</source>
      <translation>超過同公司上限</translation>
    </message>
    <message>
      <source>Within the company cap</source>
      <translation>同公司上限內</translation>
    </message>
    <message>
      <source>Over capacity</source>
      <translation>超過名額</translation>
    </message>
    <message>
      <source>Within capacity</source>
      <translation>名額內</translation>
    </message>
    <message>
      <source>Conflict</source>
      <translation>衝突</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Company</source>
      <translation>公司</translation>
    </message>
    <message>
      <source>Desk</source>
      <translation>報到台</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>時間</translation>
    </message>
  </context>
  <context>
    <name>DayPage</name>
    <message>
      <source>Refresh</source>
      <translation>重新整理</translation>
    </message>
    <message>
      <source>Day</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>No workshop on this day.</source>
      <translation>這一天沒有場次。</translation>
    </message>
    <message>
      <source>Arrivals</source>
      <translation>報到人數</translation>
    </message>
    <message>
      <source>Arrivals per ten minutes</source>
      <translation>每十分鐘報到人數</translation>
    </message>
    <message>
      <source>Arrivals per desk</source>
      <translation>各報到台報到人數</translation>
    </message>
    <message>
      <source>Updated %1</source>
      <translation>更新於 %1</translation>
    </message>
    <message>
      <source>Could not read the day: %1</source>
      <translation>無法讀取當日資料：%1</translation>
    </message>
    <message>
      <source>Conflicts across desks: none</source>
      <translation>跨報到台衝突：無</translation>
    </message>
    <message>
      <source>Arrived %1 of %2 · seats left %3 · conflicts %4</source>
      <translation>已報到 %1／%2 · 剩餘座位 %3 · 衝突 %4</translation>
    </message>
    <message>
      <source>Conflicts across desks: %1 (a supervisor's override is not one)</source>
      <translation>跨報到台衝突：%1（主管核准的破例入場不算衝突）</translation>
    </message>
  </context>
  <context>
    <name>DayDesksModel</name>
    <message>
      <source>Desk</source>
      <translation>報到台</translation>
    </message>
    <message>
      <source>Arrivals</source>
      <translation>報到人數</translation>
    </message>
    <message>
      <source>Admitted again</source>
      <translation>重複入場</translation>
    </message>
    <message>
      <source>Last arrival</source>
      <translation>最後報到</translation>
    </message>
  </context>
  <context>
    <name>AfterDayPage</name>
    <message>
      <source>Choose…</source>
      <translation>選擇…</translation>
    </message>
    <message>
      <source>Import scores…</source>
      <translation>匯入測驗成績…</translation>
    </message>
    <message>
      <source>Issue certificates</source>
      <translation>核發受訓證明</translation>
    </message>
    <message>
      <source>Write the workshop's report</source>
      <translation>產生本場次報表</translation>
    </message>
    <message>
      <source>Write the summary across workshops</source>
      <translation>產生各場次總表</translation>
    </message>
    <message>
      <source>Workshop</source>
      <translation>場次</translation>
    </message>
    <message>
      <source>Save files in</source>
      <translation>檔案存放位置</translation>
    </message>
    <message>
      <source>Report format</source>
      <translation>報表格式</translation>
    </message>
    <message>
      <source>Import scores</source>
      <translation>匯入測驗成績</translation>
    </message>
    <message>
      <source>Score files (*.csv *.xlsx)</source>
      <translation>成績檔 (*.csv *.xlsx)</translation>
    </message>
    <message>
      <source>Working…</source>
      <translation>處理中…</translation>
    </message>
    <message>
      <source>Failed (%1): %2</source>
      <translation>失敗（%1）：%2</translation>
    </message>
    <message>
      <source>%1: scores imported: %2 new, %3 corrected, %4 unchanged</source>
      <translation>%1：成績已匯入：新增 %2、更正 %3、未變 %4</translation>
    </message>
    <message>
      <source>  line %1: %2 / %3: not imported (%4)</source>
      <translation>  第 %1 列：%2／%3：未匯入（%4）</translation>
    </message>
    <message>
      <source>  certificate %1 withdrawn</source>
      <translation>  受訓證明 %1 已撤銷</translation>
    </message>
    <message>
      <source>%1: %2 certificates (%3 new), %4 withdrawn</source>
      <translation>%1：受訓證明 %2 份（新發 %3）、撤銷 %4</translation>
    </message>
    <message>
      <source>  removed the withdrawn certificate's file %1</source>
      <translation>  已刪除撤銷證明的檔案 %1</translation>
    </message>
    <message>
      <source>Report written:</source>
      <translation>報表已產生：</translation>
    </message>
    <message>
      <source>nobody of this workshop</source>
      <translation>本場次查無此人</translation>
    </message>
    <message>
      <source>more than one person matches</source>
      <translation>符合的人不只一位</translation>
    </message>
    <message>
      <source>the same person with another score on another row</source>
      <translation>同一人在另一列有不同成績</translation>
    </message>
    <message>
      <source>not a whole number 0-100</source>
      <translation>不是 0-100 的整數</translation>
    </message>
  </context>
  <context>
    <name>FollowupsModel</name>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Company</source>
      <translation>公司</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>電話</translation>
    </message>
    <message>
      <source>Opened</source>
      <translation>開立</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>狀態</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>備註</translation>
    </message>
    <message>
      <source>Changed</source>
      <translation>最後變更</translation>
    </message>
  </context>
  <context>
    <name>FollowupsPage</name>
    <message>
      <source>Show closed ones too</source>
      <translation>一併顯示已結案</translation>
    </message>
    <message>
      <source>Workshop</source>
      <translation>場次</translation>
    </message>
    <message>
      <source>Note (what was said, the result)</source>
      <translation>備註（聯繫內容、結果）</translation>
    </message>
    <message>
      <source>Save the change</source>
      <translation>儲存變更</translation>
    </message>
    <message>
      <source>New status</source>
      <translation>新狀態</translation>
    </message>
    <message>
      <source>Follow-ups</source>
      <translation>後續追蹤</translation>
    </message>
    <message>
      <source>Check first what the purge will delete.</source>
      <translation>請先查看清除作業將刪除哪些資料。</translation>
    </message>
    <message>
      <source>Check what it will delete</source>
      <translation>查看將刪除的資料</translation>
    </message>
    <message>
      <source>Delete it now</source>
      <translation>立即刪除</translation>
    </message>
    <message>
      <source>Health data older than %1 days</source>
      <translation>逾 %1 天的健康資料</translation>
    </message>
    <message>
      <source>Saved: %1, %2</source>
      <translation>已儲存：%1，%2</translation>
    </message>
    <message>
      <source>This database login may not read health data. Follow-ups are shown only to the organiser's office login.</source>
      <translation>此資料庫帳號無權讀取健康資料。後續追蹤僅顯示給主辦單位的辦公室帳號。</translation>
    </message>
    <message>
      <source>Not saved (%1): %2</source>
      <translation>未儲存（%1）：%2</translation>
    </message>
    <message>
      <source>Nothing to delete: no health data of workshops held before %1.</source>
      <translation>沒有要刪除的資料：%1 之前舉辦的場次沒有健康資料。</translation>
    </message>
    <message>
      <source>The purge will delete, of %1 workshops held before %2: %3 screenings (temperatures and declarations), %4 follow-ups and %5 changes of them. Attendance stays.</source>
      <translation>清除作業將刪除 %2 之前舉辦的 %1 個場次的：%3 筆篩檢紀錄（體溫與健康聲明）、%4 筆後續追蹤及其 %5 筆變更。出席紀錄保留。</translation>
    </message>
    <message>
      <source>Deleted: %1 screenings, %2 follow-ups and %3 changes of %4 workshops.</source>
      <translation>已刪除：%4 個場次的 %1 筆篩檢紀錄、%2 筆後續追蹤及 %3 筆變更。</translation>
    </message>
    <message>
      <source>The purge could not run (%1): nothing was deleted.</source>
      <translation>清除作業無法執行（%1）：未刪除任何資料。</translation>
    </message>
  </context>
  <context>
    <name>ScreeningRulesBox</name>
    <message>
      <source>Screening rules for the desks</source>
      <translation>報到台的篩檢規則</translation>
    </message>
    <message>
      <source>Screen at the door</source>
      <translation>入場時篩檢</translation>
    </message>
    <message>
      <source>A second reading after a rest</source>
      <translation>休息後可複測一次</translation>
    </message>
    <message>
      <source>No second reading: the first one over denies</source>
      <translation>不複測：第一次超過即不得入場</translation>
    </message>
    <message>
      <source> min</source>
      <translation> 分鐘</translation>
    </message>
    <message>
      <source>Save the rules</source>
      <translation>儲存規則</translation>
    </message>
    <message>
      <source>From</source>
      <translation>生效日</translation>
    </message>
    <message>
      <source>Fever: over</source>
      <translation>發燒：超過</translation>
    </message>
    <message>
      <source>Reading</source>
      <translation>量測</translation>
    </message>
    <message>
      <source>Rest before it</source>
      <translation>複測前休息</translation>
    </message>
    <message>
      <source>Questions</source>
      <translation>詢問項目</translation>
    </message>
    <message>
      <source>The desks show: %1</source>
      <translation>報到台顯示：%1</translation>
    </message>
    <message>
      <source>Saved. Desks take the rules with their next roster pull.</source>
      <translation>已儲存。報到台下次下載名單時即套用。</translation>
    </message>
    <message>
      <source>The rules were not saved (%1).</source>
      <translation>規則未儲存（%1）。</translation>
    </message>
  </context>
</TS>
