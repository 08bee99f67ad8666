<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
  <context>
    <name>CameraView</name>
    <message>
      <source>Move the whole notice into the picture</source>
      <translation>Move the whole notice into the picture</translation>
    </message>
    <message>
      <source>Lift your finger off the code</source>
      <translation>Lift your finger off the code</translation>
    </message>
    <message>
      <source>Hold the notice still, a little further away</source>
      <translation>Hold the notice still, a little further away</translation>
    </message>
    <message>
      <source>Hold the notice a little further away</source>
      <translation>Hold the notice a little further away</translation>
    </message>
  </context>
  <context>
    <name>Counters</name>
    <message>
      <location filename="../../checkin/ui/side.py" line="53" />
      <source>arrived / registered / seats</source>
      <translation>arrived / registered / seats</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/side.py" line="54" />
      <source>denied</source>
      <translation>denied</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/side.py" line="55" />
      <source>follow-ups</source>
      <translation>follow-ups</translation>
    </message>
  </context>
  <context>
    <name>DeskWindow</name>
    <message>
      <source>Link this desk to the central database %1 as desk %2? Its sync then goes there.</source>
      <translation>Link this desk to the central database %1 as desk %2? Its sync then goes there.</translation>
    </message>
    <message>
      <source>Sync with it has started.</source>
      <translation>Sync with it has started.</translation>
    </message>
    <message>
      <source>Sync with it starts when the desk is next started.</source>
      <translation>Sync with it starts when the desk is next started.</translation>
    </message>
    <message>
      <source>Desk linked: %1</source>
      <translation>Desk linked: %1</translation>
    </message>
    <message>
      <source>Central database %1.</source>
      <translation>Central database %1.</translation>
    </message>
    <message>
      <source>This code is not a checkin desk link (damaged, or another program's): nothing changed. Show the desk the join code on the office's desks page again.</source>
      <translation>This code is not a checkin desk link (damaged, or another program's): nothing changed. Show the desk the join code on the office's desks page again.</translation>
    </message>
    <message>
      <source>The supervisor PIN was cancelled: nothing changed.</source>
      <translation>The supervisor PIN was cancelled: nothing changed.</translation>
    </message>
    <message>
      <source>The desk could not store the link (%1): nothing changed.</source>
      <translation>The desk could not store the link (%1): nothing changed.</translation>
    </message>
    <message>
      <source>The link was refused: %1</source>
      <translation>The link was refused: %1</translation>
    </message>
    <message>
      <source>Desk not linked</source>
      <translation>Desk not linked</translation>
    </message>
    <message>
      <source>Check-out mode</source>
      <translation>Check-out mode</translation>
    </message>
    <message>
      <source>End of day…</source>
      <translation>End of day…</translation>
    </message>
    <message>
      <source>Paper list (PDF)…</source>
      <translation>Paper list (PDF)…</translation>
    </message>
    <message>
      <source>Paper list not saved: %1</source>
      <translation>Paper list not saved: %1</translation>
    </message>
    <message>
      <source>Save the paper sign-in list</source>
      <translation>Save the paper sign-in list</translation>
    </message>
    <message numerus="yes">
      <source>Paper list saved: %1 (%n page(s))</source>
      <translation>
        <numerusform>Paper list saved: %1 (%n page)</numerusform>
        <numerusform>Paper list saved: %1 (%n pages)</numerusform>
      </translation>
    </message>
    <message>
      <source>A scan could not be looked up (%1): scan it again after this person.</source>
      <translation>A scan could not be looked up (%1): scan it again after this person.</translation>
    </message>
    <message>
      <source>an unknown code</source>
      <translation>an unknown code</translation>
    </message>
    <message>
      <source>Next: %1 was scanned. Finish %2 first (Enter), or cancel (Esc) to serve %1 now.</source>
      <translation>Next: %1 was scanned. Finish %2 first (Enter), or cancel (Esc) to serve %1 now.</translation>
    </message>
    <message>
      <source>Since %1 the desk cannot store check-ins: use the paper list until a check-in shows as stored again.</source>
      <translation>Since %1 the desk cannot store check-ins: use the paper list until a check-in shows as stored again.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="184" />
      <source>Check-in desk</source>
      <translation>Check-in desk</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="187" />
      <source>Desk: %1</source>
      <translation>Desk: %1</translation>
    </message>
    <message numerus="yes">
      <location filename="../../checkin/ui/main_window.py" line="189" />
      <source>Roster: %n registered</source>
      <translation>
        <numerusform>Roster: %n registered</numerusform>
        <numerusform>Roster: %n registered</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="192" />
      <source>No roster for this workshop in this database</source>
      <translation>No roster for this workshop in this database</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="194" />
      <source>Settings…</source>
      <translation>Settings…</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="195" />
      <source>Leave kiosk…</source>
      <translation>Leave kiosk…</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="208" />
      <source>Demo mode (simulated time) %1</source>
      <translation>Demo mode (simulated time) %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="227" />
      <source>Camera: %1</source>
      <translation>Camera: %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="234" />
      <source>No camera found: scan with the USB scanner or search by name.</source>
      <translation>No camera found: scan with the USB scanner or search by name.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="236" />
      <source>Camera error (%1): scan with the USB scanner or search by name.</source>
      <translation>Camera error (%1): scan with the USB scanner or search by name.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="280" />
      <source>Second reading (after rest).</source>
      <translation>Second reading (after rest).</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="426" />
      <source>Supervisor override: %1</source>
      <translation>Supervisor override: %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="430" />
      <source>Override the door rule for %1.</source>
      <translation>Override the door rule for %1.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="438" />
      <source>Undo a mistaken arrival.</source>
      <translation>Undo a mistaken arrival.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="441" />
      <source>Arrival undone</source>
      <translation>Arrival undone</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="449" />
      <source>Leave kiosk mode.</source>
      <translation>Leave kiosk mode.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="453" />
      <source>Open the settings.</source>
      <translation>Open the settings.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="460" />
      <source>Settings</source>
      <translation>Settings</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="462" />
      <source>Default camera</source>
      <translation>Default camera</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="472" />
      <source>Camera</source>
      <translation>Camera</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="473" />
      <source>Language</source>
      <translation>Language</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="500" />
      <source>Follow-up</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/main_window.py" line="501" />
      <source>Result of the follow-up:</source>
      <translation>Result of the follow-up:</translation>
    </message>
    <message>
      <source>This desk serves %1 on %2, but by this desk's clock today is %3: every notice will be refused as not today's. Check the workshop chosen at start or the computer's date.</source>
      <translation>This desk serves %1 on %2, but by this desk's clock today is %3: every notice will be refused as not today's. Check the workshop chosen at start or the computer's date.</translation>
    </message>
    <message>
      <source>Roster…</source>
      <translation>Roster…</translation>
    </message>
  </context>
  <context>
    <name>FollowupDialog</name>
    <message>
      <source>To contact</source>
      <translation>To contact</translation>
    </message>
    <message>
      <source>Contacted</source>
      <translation>Contacted</translation>
    </message>
    <message>
      <source>Saw a doctor</source>
      <translation>Saw a doctor</translation>
    </message>
    <message>
      <source>Result noted</source>
      <translation>Result noted</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <source>Advice given, doctor's visit, result…</source>
      <translation>Advice given, doctor's visit, result…</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Note</translation>
    </message>
  </context>
  <context>
    <name>PrivacyDialog</name>
    <message>
      <source>Privacy notice</source>
      <translation>Privacy notice</translation>
    </message>
  </context>
  <context>
    <name>RecentModel</name>
    <message>
      <location filename="../../checkin/ui/side.py" line="96" />
      <source>Time</source>
      <translation>Time</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/side.py" line="96" />
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/side.py" line="96" />
      <source>Company</source>
      <translation>Company</translation>
    </message>
  </context>
  <context>
    <name>RosterModel</name>
    <message>
      <source>Arrived</source>
      <translation>Arrived</translation>
    </message>
    <message>
      <source>Not yet</source>
      <translation>Not yet</translation>
    </message>
    <message>
      <source>Turned away</source>
      <translation>Turned away</translation>
    </message>
    <message>
      <source>On the waiting list</source>
      <translation>On the waiting list</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>Cancelled</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Company</source>
      <translation>Company</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>Desk</source>
      <translation>Desk</translation>
    </message>
  </context>
  <context>
    <name>RosterPage</name>
    <message>
      <source>Roster</source>
      <translation>Roster</translation>
    </message>
    <message>
      <source>Back to the desk (Esc)</source>
      <translation>Back to the desk (Esc)</translation>
    </message>
    <message>
      <source>Everyone %1</source>
      <translation>Everyone %1</translation>
    </message>
    <message>
      <source>Arrived %1</source>
      <translation>Arrived %1</translation>
    </message>
    <message>
      <source>Not yet %1</source>
      <translation>Not yet %1</translation>
    </message>
    <message>
      <source>Turned away %1</source>
      <translation>Turned away %1</translation>
    </message>
    <message>
      <source>Waiting list %1</source>
      <translation>Waiting list %1</translation>
    </message>
  </context>
  <context>
    <name>ScreeningPanel</name>
    <message>
      <location filename="../../checkin/ui/screening.py" line="72" />
      <source>Health screening</source>
      <translation>Health screening</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/screening.py" line="73" />
      <source>Temperature °C</source>
      <translation>Temperature °C</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/screening.py" line="74" />
      <source>e.g. 36.5</source>
      <translation>e.g. 36.5</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/screening.py" line="77" />
      <source>Check in (Enter)</source>
      <translation>Check in (Enter)</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/screening.py" line="78" />
      <source>Cancel (Esc)</source>
      <translation>Cancel (Esc)</translation>
    </message>
  </context>
  <context>
    <name>SearchPanel</name>
    <message>
      <location filename="../../checkin/ui/search.py" line="41" />
      <source>Search (no notice)</source>
      <translation>Search (no notice)</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/search.py" line="42" />
      <source>Name, phone digits, company or tax ID</source>
      <translation>Name, phone digits, company or tax ID</translation>
    </message>
    <message>
      <source>Already arrived %1 at desk %2</source>
      <translation>Already arrived %1 at desk %2</translation>
    </message>
    <message>
      <source>Turned away %1 at desk %2: %3</source>
      <translation>Turned away %1 at desk %2: %3</translation>
    </message>
  </context>
  <context>
    <name>SidePanel</name>
    <message>
      <location filename="../../checkin/ui/side.py" line="144" />
      <source>Waiting to measure again</source>
      <translation>Waiting to measure again</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/side.py" line="145" />
      <source>Recent arrivals</source>
      <translation>Recent arrivals</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/side.py" line="146" />
      <source>Undo selected arrival…</source>
      <translation>Undo selected arrival…</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/side.py" line="147" />
      <source>Follow-ups (symptoms)</source>
      <translation>Follow-ups (symptoms)</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/side.py" line="168" />
      <source>%1: measure again now</source>
      <translation>%1: measure again now</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/side.py" line="169" />
      <source>%1: rest until %2</source>
      <translation>%1: rest until %2</translation>
    </message>
  </context>
  <context>
    <name>SupervisorDialog</name>
    <message>
      <source>The PIN could not be checked (%1). Try again.</source>
      <translation>The PIN could not be checked (%1). Try again.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/supervisor.py" line="65" />
      <source>Supervisor</source>
      <translation>Supervisor</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/supervisor.py" line="66" />
      <source>Supervisor name</source>
      <translation>Supervisor name</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/supervisor.py" line="67" />
      <source>New supervisor PIN</source>
      <translation>New supervisor PIN</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/supervisor.py" line="68" />
      <source>Supervisor PIN</source>
      <translation>Supervisor PIN</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/supervisor.py" line="69" />
      <source>Repeat the PIN</source>
      <translation>Repeat the PIN</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/supervisor.py" line="70" />
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/supervisor.py" line="75" />
      <source>The two PINs differ.</source>
      <translation>The two PINs differ.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/supervisor.py" line="78" />
      <source>A PIN has at least 4 characters.</source>
      <translation>A PIN has at least 4 characters.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/supervisor.py" line="81" />
      <source>A reason is required.</source>
      <translation>A reason is required.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/supervisor.py" line="84" />
      <source>The supervisor's name is required.</source>
      <translation>The supervisor's name is required.</translation>
    </message>
    <message numerus="yes">
      <location filename="../../checkin/ui/supervisor.py" line="96" />
      <source>Wrong PIN. Try again in %n second(s).</source>
      <translation>
        <numerusform>Wrong PIN. Try again in %n second.</numerusform>
        <numerusform>Wrong PIN. Try again in %n seconds.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../checkin/ui/supervisor.py" line="99" />
      <source>Wrong PIN.</source>
      <translation>Wrong PIN.</translation>
    </message>
  </context>
  <context>
    <name>SyncDialog</name>
    <message>
      <source>Sent again (missing centrally): %1</source>
      <translation>Sent again (missing centrally): %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="46" />
      <source>End-of-day sync</source>
      <translation>End-of-day sync</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="47" />
      <source>Send today's check-ins to the central database.</source>
      <translation>Send today's check-ins to the central database.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="53" />
      <source>Sync now</source>
      <translation>Sync now</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="74" />
      <source>Connecting…</source>
      <translation>Connecting…</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="74" />
      <source>Sending check-ins…</source>
      <translation>Sending check-ins…</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="75" />
      <source>Updating the roster…</source>
      <translation>Updating the roster…</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="76" />
      <source>Receiving other desks' check-ins…</source>
      <translation>Receiving other desks' check-ins…</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="77" />
      <source>Verifying…</source>
      <translation>Verifying…</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="77" />
      <source>Finished</source>
      <translation>Finished</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="95" />
      <source>The sync failed: %1. Nothing was lost; try again.</source>
      <translation>The sync failed: %1. Nothing was lost; try again.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="103" />
      <source>Sync complete and verified.</source>
      <translation>Sync complete and verified.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="104" />
      <source>Sync NOT complete: the central copy does not match yet.</source>
      <translation>Sync NOT complete: the central copy does not match yet.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="105" />
      <source>No connection to the central database. Nothing was lost.</source>
      <translation>No connection to the central database. Nothing was lost.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="106" />
      <source>This desk's access was revoked. Its check-ins stay here; call the office.</source>
      <translation>This desk's access was revoked. Its check-ins stay here; call the office.</translation>
    </message>
    <message>
      <source>This computer could not write: its disk is full or read-only. The check-ins stay here; free some space, then sync again.</source>
      <translation>This computer could not write: its disk is full or read-only. The check-ins stay here; free some space, then sync again.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="110" />
      <source>Sent: %1</source>
      <translation>Sent: %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="111" />
      <source>Confirmed: %1</source>
      <translation>Confirmed: %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="112" />
      <source>Still to send: %1</source>
      <translation>Still to send: %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="113" />
      <source>Duplicates: %1</source>
      <translation>Duplicates: %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="114" />
      <source>Set aside: %1</source>
      <translation>Set aside: %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="115" />
      <source>Conflicts (over capacity or company cap): %1</source>
      <translation>Conflicts (over capacity or company cap): %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="119" />
      <source>Admitted twice: %1, first at %2 (%3)</source>
      <translation>Admitted twice: %1, first at %2 (%3)</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="124" />
      <source>Set aside: %1 (%2)</source>
      <translation>Set aside: %1 (%2)</translation>
    </message>
    <message>
      <source>Stopped</source>
      <translation>Stopped</translation>
    </message>
    <message>
      <source>again at %1 (%2)</source>
      <translation>again at %1 (%2)</translation>
    </message>
    <message>
      <source>Over the company cap: %1, %2 admitted, limit %3</source>
      <translation>Over the company cap: %1, %2 admitted, limit %3</translation>
    </message>
    <message>
      <source>Over capacity: %1 admitted, limit %2</source>
      <translation>Over capacity: %1 admitted, limit %2</translation>
    </message>
    <message>
      <source>%1 at %2 (%3)</source>
      <translation>%1 at %2 (%3)</translation>
    </message>
    <message>
      <source>approved by a supervisor</source>
      <translation>approved by a supervisor</translation>
    </message>
    <message>
      <source>over the limit</source>
      <translation>over the limit</translation>
    </message>
    <message>
      <source>Left out (central check-ins this desk cannot store; tell the office): %1</source>
      <translation>Left out (central check-ins this desk cannot store; tell the office): %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_dialog.py" line="127" />
      <source>This computer's clock is more than 5 minutes off: set it before working offline.</source>
      <translation>This computer's clock is more than 5 minutes off: set it before working offline.</translation>
    </message>
  </context>
  <context>
    <name>SyncStatusWidget</name>
    <message>
      <location filename="../../checkin/ui/sync_status.py" line="70" />
      <source>Not linked to central</source>
      <translation>Not linked to central</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_status.py" line="73" />
      <source>Online</source>
      <translation>Online</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_status.py" line="76" />
      <source>Offline</source>
      <translation>Offline</translation>
    </message>
    <message numerus="yes">
      <location filename="../../checkin/ui/sync_status.py" line="79" />
      <source>%n event(s) to send</source>
      <translation>
        <numerusform>%n event to send</numerusform>
        <numerusform>%n events to send</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../checkin/ui/sync_status.py" line="81" />
      <source>%n set aside</source>
      <translation>
        <numerusform>%n set aside</numerusform>
        <numerusform>%n set aside</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_status.py" line="87" />
      <source>Last sync %1</source>
      <translation>Last sync %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_status.py" line="89" />
      <source>Never synced</source>
      <translation>Never synced</translation>
    </message>
    <message>
      <source>Last exchange %1</source>
      <translation>Last exchange %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/sync_status.py" line="92" />
      <source>Clock is off: not ready for offline</source>
      <translation>Clock is off: not ready for offline</translation>
    </message>
  </context>
  <context>
    <name>VerdictBanner</name>
    <message>
      <source>Check-out: scan a notice to record leaving</source>
      <translation>Check-out: scan a notice to record leaving</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/banner.py" line="76" />
      <source>Supervisor approval…</source>
      <translation>Supervisor approval…</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/banner.py" line="93" />
      <source>Ready: scan a notice or search by name</source>
      <translation>Ready: scan a notice or search by name</translation>
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <source>Central credentials file unusable (%1): not linked; check-in works offline.</source>
      <translation>Central credentials file unusable (%1): not linked; check-in works offline.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/app.py" line="57" />
      <location filename="../../checkin/ui/app.py" line="66" />
      <source>Check-in desk</source>
      <translation>Check-in desk</translation>
    </message>
  </context>
  <context>
    <name>messages</name>
    <message>
      <source>Already checked out</source>
      <translation>Already checked out</translation>
    </message>
    <message>
      <source>Checked out at %1</source>
      <translation>Checked out at %1</translation>
    </message>
    <message>
      <source>Checked out: goodbye</source>
      <translation>Checked out: goodbye</translation>
    </message>
    <message>
      <source>Coming back in</source>
      <translation>Coming back in</translation>
    </message>
    <message>
      <source>Departure stored.</source>
      <translation>Departure stored.</translation>
    </message>
    <message>
      <source>Full attendance: in by %1, checked out at %2 or later</source>
      <translation>Full attendance: in by %1, checked out at %2 or later</translation>
    </message>
    <message>
      <source>Full attendance: in by %1, stays to %2 (departures not scanned)</source>
      <translation>Full attendance: in by %1, stays to %2 (departures not scanned)</translation>
    </message>
    <message>
      <source>Left at %1</source>
      <translation>Left at %1</translation>
    </message>
    <message>
      <source>Left at %1, before the end (%2)</source>
      <translation>Left at %1, before the end (%2)</translation>
    </message>
    <message>
      <source>Left earlier today; the return is being stored.</source>
      <translation>Left earlier today; the return is being stored.</translation>
    </message>
    <message>
      <source>No arrival today for this person: nothing was recorded. Check them in first if they are here.</source>
      <translation>No arrival today for this person: nothing was recorded. Check them in first if they are here.</translation>
    </message>
    <message>
      <source>Not checked in</source>
      <translation>Not checked in</translation>
    </message>
    <message>
      <source>Nothing to do; switch to check-in if they are coming back in.</source>
      <translation>Nothing to do; switch to check-in if they are coming back in.</translation>
    </message>
    <message>
      <source>Return stored; screened at the first arrival today.</source>
      <translation>Return stored; screened at the first arrival today.</translation>
    </message>
    <message>
      <source>Welcome back</source>
      <translation>Welcome back</translation>
    </message>
    <message>
      <source>Check-in has not opened yet.</source>
      <translation>Check-in has not opened yet.</translation>
    </message>
    <message numerus="yes">
      <source>Check-in opens %n minute(s) before the start.</source>
      <translation>
        <numerusform>Check-in opens %n minute before the start.</numerusform>
        <numerusform>Check-in opens %n minutes before the start.</numerusform>
      </translation>
    </message>
    <message>
      <source>The second reading is a fever too. Offer the online course link.</source>
      <translation>The second reading is a fever too. Offer the online course link.</translation>
    </message>
    <message>
      <source>The second reading is still over %1 °C. Offer the online course link.</source>
      <translation>The second reading is still over %1 °C. Offer the online course link.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="84" />
      <source>Admitted: welcome</source>
      <translation>Admitted: welcome</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="85" />
      <source>Arrival stored.</source>
      <translation>Arrival stored.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="86" />
      <source>Admitted by supervisor override</source>
      <translation>Admitted by supervisor override</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="87" />
      <source>Arrival and override stored.</source>
      <translation>Arrival and override stored.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="88" />
      <source>Already checked in</source>
      <translation>Already checked in</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="89" />
      <source>This notice was already used.</source>
      <translation>This notice was already used.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="90" />
      <source>Health screening</source>
      <translation>Health screening</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="91" />
      <source>Measure the temperature and ask the three health questions.</source>
      <translation>Measure the temperature and ask the three health questions.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="93" />
      <source>Not registered</source>
      <translation>Not registered</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="94" />
      <source>No registration for this notice. Ask for name or phone.</source>
      <translation>No registration for this notice. Ask for name or phone.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="96" />
      <source>Notice for another workshop</source>
      <translation>Notice for another workshop</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="97" />
      <source>This notice is for a different session.</source>
      <translation>This notice is for a different session.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="98" />
      <source>Not today's workshop</source>
      <translation>Not today's workshop</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="99" />
      <source>This workshop is not held today.</source>
      <translation>This workshop is not held today.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="100" />
      <source>Check-in not open yet</source>
      <translation>Check-in not open yet</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="102" />
      <source>Check-in closed</source>
      <translation>Check-in closed</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="103" />
      <source>The workshop has ended.</source>
      <translation>The workshop has ended.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="104" />
      <source>Registration cancelled</source>
      <translation>Registration cancelled</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="105" />
      <source>This registration was cancelled.</source>
      <translation>This registration was cancelled.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="106" />
      <source>Workshop cancelled</source>
      <translation>Workshop cancelled</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="107" />
      <source>This session was cancelled.</source>
      <translation>This session was cancelled.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="108" />
      <source>On the waiting list</source>
      <translation>On the waiting list</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="109" />
      <source>No seat confirmed; a supervisor may override.</source>
      <translation>No seat confirmed; a supervisor may override.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="110" />
      <source>All seats taken</source>
      <translation>All seats taken</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="111" />
      <source>The on-site seats are full; a supervisor may override.</source>
      <translation>The on-site seats are full; a supervisor may override.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="113" />
      <source>Company limit reached</source>
      <translation>Company limit reached</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="114" />
      <source>This company already has its maximum on site; a supervisor may override.</source>
      <translation>This company already has its maximum on site; a supervisor may override.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="117" />
      <source>Temperature needed</source>
      <translation>Temperature needed</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="118" />
      <source>Type the temperature and press Enter.</source>
      <translation>Type the temperature and press Enter.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="119" />
      <source>Implausible temperature</source>
      <translation>Implausible temperature</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="120" />
      <source>That reading is not a body temperature. Measure again.</source>
      <translation>That reading is not a body temperature. Measure again.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="122" />
      <source>Temperature high: rest, then measure again</source>
      <translation>Temperature high: rest, then measure again</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="124" />
      <source>Please sit down for a few minutes.</source>
      <translation>Please sit down for a few minutes.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="125" />
      <source>Fever: may not attend</source>
      <translation>Fever: may not attend</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="128" />
      <source>May not attend today</source>
      <translation>May not attend today</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="129" />
      <source>Did not pass the health declaration. Offer the online course link.</source>
      <translation>Did not pass the health declaration. Offer the online course link.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="130" />
      <source>Code not recognised</source>
      <translation>Code not recognised</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="131" />
      <source>Not a check-in notice. Scan again or search by name.</source>
      <translation>Not a check-in notice. Scan again or search by name.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="133" />
      <source>NOT recorded</source>
      <translation>NOT recorded</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="134" />
      <source>The desk could not store this. Use the paper list.</source>
      <translation>The desk could not store this. Use the paper list.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="144" />
      <source>Travel abroad in the last 14 days</source>
      <translation>Travel abroad in the last 14 days</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="145" />
      <source>Contact with a confirmed case</source>
      <translation>Contact with a confirmed case</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="146" />
      <source>Respiratory symptoms (cough, sore throat, fever)</source>
      <translation>Respiratory symptoms (cough, sore throat, fever)</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="154" />
      <source>travel history</source>
      <translation>travel history</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="155" />
      <source>contact with a confirmed case</source>
      <translation>contact with a confirmed case</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="156" />
      <source>respiratory symptoms</source>
      <translation>respiratory symptoms</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="161" />
      <source>Wear a mask, defer attendance and see a doctor; staff will follow up.</source>
      <translation>Wear a mask, defer attendance and see a doctor; staff will follow up.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="173" />
      <source>First arrival %1 at desk %2</source>
      <translation>First arrival %1 at desk %2</translation>
    </message>
    <message numerus="yes">
      <source>At most %n per company</source>
      <translation>
        <numerusform>At most %n per company</numerusform>
        <numerusform>At most %n per company</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>All %n on-site seats are taken</source>
      <translation>
        <numerusform>All %n on-site seats are taken</numerusform>
        <numerusform>All %n on-site seats are taken</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="184" />
      <source>Notice for workshop %1</source>
      <translation>Notice for workshop %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="186" />
      <source>Check-in opens at %1</source>
      <translation>Check-in opens at %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="189" />
      <source>This desk serves the workshop on %1</source>
      <translation>This desk serves the workshop on %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="192" />
      <source>Reason: %1</source>
      <translation>Reason: %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="197" />
      <source>Typed: %1</source>
      <translation>Typed: %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="199" />
      <source>Error: %1</source>
      <translation>Error: %1</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="206" />
      <source>Measure again now</source>
      <translation>Measure again now</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="207" />
      <source>Measure again at %1 (in %2:%3)</source>
      <translation>Measure again at %1 (in %2:%3)</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="215" />
      <source>This database holds no workshops, so there is no roster to check against. Pull the roster for this desk (checkin sync) or try the demo (checkin demo).</source>
      <translation>This database holds no workshops, so there is no roster to check against. Pull the roster for this desk (checkin sync) or try the demo (checkin demo).</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="220" />
      <source>Workshop "%1" is not in this database. It holds:</source>
      <translation>Workshop "%1" is not in this database. It holds:</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="228" />
      <source>The database file is damaged (%1). It was moved aside untouched to %2. Start from a fresh copy and keep the damaged file.</source>
      <translation>The database file is damaged (%1). It was moved aside untouched to %2. Start from a fresh copy and keep the damaged file.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="233" />
      <source>This database was written by a newer version of checkin. Install the newer version; nothing was changed.</source>
      <translation>This database was written by a newer version of checkin. Install the newer version; nothing was changed.</translation>
    </message>
    <message>
      <location filename="../../checkin/ui/messages.py" line="236" />
      <source>Cannot open the database: %1</source>
      <translation>Cannot open the database: %1</translation>
    </message>
    <message>
      <source>the disk is full</source>
      <translation>the disk is full</translation>
    </message>
    <message>
      <source>the database cannot be written (read-only)</source>
      <translation>the database cannot be written (read-only)</translation>
    </message>
    <message>
      <source>the database is locked by another program</source>
      <translation>the database is locked by another program</translation>
    </message>
    <message>
      <source>disk read/write error</source>
      <translation>disk read/write error</translation>
    </message>
    <message>
      <source>Already sent home today (travel, contact or symptoms); a supervisor can review it</source>
      <translation>Already sent home today (travel, contact or symptoms); a supervisor can review it</translation>
    </message>
    <message>
      <source>database error</source>
      <translation>database error</translation>
    </message>
    <message>
      <source>Too early: this reading does not count</source>
      <translation>Too early: this reading does not count</translation>
    </message>
    <message>
      <source>The rest is not over yet, so nothing was recorded. Measure again when it is.</source>
      <translation>The rest is not over yet, so nothing was recorded. Measure again when it is.</translation>
    </message>
    <message>
      <source>This notice is for %1 (%2) on %3 at %4</source>
      <translation>This notice is for %1 (%2) on %3 at %4</translation>
    </message>
    <message>
      <source>The reading is a fever; the rules allow no second reading. Offer the online course link.</source>
      <translation>The reading is a fever; the rules allow no second reading. Offer the online course link.</translation>
    </message>
    <message>
      <source>The reading is over %1 °C; the rules allow no second reading. Offer the online course link.</source>
      <translation>The reading is over %1 °C; the rules allow no second reading. Offer the online course link.</translation>
    </message>
    <message>
      <source>Screening: off</source>
      <translation>Screening: off</translation>
    </message>
    <message>
      <source>Screening: &gt;%1 °C may not attend (no re-measure)</source>
      <translation>Screening: &gt;%1 °C may not attend (no re-measure)</translation>
    </message>
    <message>
      <source>Screening: &gt;%1 °C: measure again after %2 min rest</source>
      <translation>Screening: &gt;%1 °C: measure again after %2 min rest</translation>
    </message>
  </context>
  <context>
    <name>DayModel</name>
    <message>
      <source>(%1 min late)</source>
      <translation>(%1 min late)</translation>
    </message>
    <message>
      <source>Absent</source>
      <translation>Absent</translation>
    </message>
    <message>
      <source>Arrived</source>
      <translation>Arrived</translation>
    </message>
    <message>
      <source>Company</source>
      <translation>Company</translation>
    </message>
    <message>
      <source>Full attendance</source>
      <translation>Full attendance</translation>
    </message>
    <message>
      <source>Late</source>
      <translation>Late</translation>
    </message>
    <message>
      <source>Left early</source>
      <translation>Left early</translation>
    </message>
    <message>
      <source>Left</source>
      <translation>Left</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Not checked out</source>
      <translation>Not checked out</translation>
    </message>
    <message>
      <source>Out and back</source>
      <translation>Out and back</translation>
    </message>
    <message>
      <source>Turned away</source>
      <translation>Turned away</translation>
    </message>
    <message>
      <source>Whole course</source>
      <translation>Whole course</translation>
    </message>
  </context>
  <context>
    <name>SummaryPage</name>
    <message>
      <source>Out and back: left and came back in (lunch, a call). Whole course: the workshop's full-attendance rule above.</source>
      <translation>Out and back: left and came back in (lunch, a call). Whole course: the workshop's full-attendance rule above.</translation>
    </message>
    <message>
      <source>Arrived</source>
      <translation>Arrived</translation>
    </message>
    <message>
      <source>Back to the desk</source>
      <translation>Back to the desk</translation>
    </message>
    <message>
      <source>Certified</source>
      <translation>Certified</translation>
    </message>
    <message>
      <source>End of the day: before the sync</source>
      <translation>End of the day: before the sync</translation>
    </message>
    <message>
      <source>Full attendance</source>
      <translation>Full attendance</translation>
    </message>
    <message>
      <source>Late</source>
      <translation>Late</translation>
    </message>
    <message>
      <source>Left early</source>
      <translation>Left early</translation>
    </message>
    <message>
      <source>Registered</source>
      <translation>Registered</translation>
    </message>
    <message>
      <source>Turned away</source>
      <translation>Turned away</translation>
    </message>
    <message>
      <source>Waiting list</source>
      <translation>Waiting list</translation>
    </message>
  </context>
  <context>
    <name>OfficeWindow</name>
    <message>
      <source>Workshops</source>
      <translation>Workshops</translation>
    </message>
    <message>
      <source>Registrations</source>
      <translation>Registrations</translation>
    </message>
    <message>
      <source>Notices and e-mails</source>
      <translation>Notices and e-mails</translation>
    </message>
    <message>
      <source>Desks</source>
      <translation>Desks</translation>
    </message>
    <message>
      <source>Check-in office</source>
      <translation>Check-in office</translation>
    </message>
    <message>
      <source>Database: this computer's office file (no central server): %1</source>
      <translation>Database: this computer's office file (no central server): %1</translation>
    </message>
    <message>
      <source>Database: central server %1</source>
      <translation>Database: central server %1</translation>
    </message>
    <message>
      <source>The day, live</source>
      <translation>The day, live</translation>
    </message>
    <message>
      <source>Follow-ups and health data</source>
      <translation>Follow-ups and health data</translation>
    </message>
    <message>
      <source>After the day</source>
      <translation>After the day</translation>
    </message>
  </context>
  <context>
    <name>AddDeskDialog</name>
    <message>
      <source>Add a desk</source>
      <translation>Add a desk</translation>
    </message>
    <message>
      <source>e.g. front-1</source>
      <translation>e.g. front-1</translation>
    </message>
    <message>
      <source>Desk name</source>
      <translation>Desk name</translation>
    </message>
    <message>
      <source>Workshops</source>
      <translation>Workshops</translation>
    </message>
    <message>
      <source>Add desk</source>
      <translation>Add desk</translation>
    </message>
  </context>
  <context>
    <name>CancelDialog</name>
    <message>
      <source>Cancel %1</source>
      <translation>Cancel %1</translation>
    </message>
    <message>
      <source>Cancel %1 on %2? The QR codes of its %3 registrants will answer “workshop cancelled” at the desk once the desks have synced.</source>
      <translation>Cancel %1 on %2? The QR codes of its %3 registrants will answer “workshop cancelled” at the desk once the desks have synced.</translation>
    </message>
    <message>
      <source>e.g. level 3 alert</source>
      <translation>e.g. level 3 alert</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Cancel the workshop</source>
      <translation>Cancel the workshop</translation>
    </message>
    <message>
      <source>Keep it</source>
      <translation>Keep it</translation>
    </message>
  </context>
  <context>
    <name>DesksModel</name>
    <message>
      <source>Desk</source>
      <translation>Desk</translation>
    </message>
    <message>
      <source>Workshops</source>
      <translation>Workshops</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Events received</source>
      <translation>Events received</translation>
    </message>
    <message>
      <source>Newest event (desk clock)</source>
      <translation>Newest event (desk clock)</translation>
    </message>
    <message>
      <source>Events still on the desk</source>
      <translation>Events still on the desk</translation>
    </message>
    <message>
      <source>revoked</source>
      <translation>revoked</translation>
    </message>
    <message>
      <source>active</source>
      <translation>active</translation>
    </message>
    <message>
      <source>not reported</source>
      <translation>not reported</translation>
    </message>
    <message>
      <source>Last sync</source>
      <translation>Last sync</translation>
    </message>
  </context>
  <context>
    <name>DesksPage</name>
    <message>
      <source>Desks need a central server. This office works on this computer's own database: start it with “checkin office --central URL” (PostgreSQL) to add desks, give them registrations and receive their arrivals.</source>
      <translation>Desks need a central server. This office works on this computer's own database: start it with “checkin office --central URL” (PostgreSQL) to add desks, give them registrations and receive their arrivals.</translation>
    </message>
    <message>
      <source>Hide the code</source>
      <translation>Hide the code</translation>
    </message>
    <message>
      <source>Add desk…</source>
      <translation>Add desk…</translation>
    </message>
    <message>
      <source>Revoke…</source>
      <translation>Revoke…</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>Desk %1 added. Its provisioning file: %2</source>
      <translation>Desk %1 added. Its provisioning file: %2</translation>
    </message>
    <message>
      <source>Let desk %1 scan this code, or copy its provisioning file to it on a USB stick; there run “checkin sync join” with the file or the code's text. The code holds the desk's password: hide it when done, delete the file once handed over.</source>
      <translation>Let desk %1 scan this code, or copy its provisioning file to it on a USB stick; there run “checkin sync join” with the file or the code's text. The code holds the desk's password: hide it when done, delete the file once handed over.</translation>
    </message>
    <message>
      <source>This provisioning (%1 bytes, with the server's certificate) is too big for a camera to read: copy the file to the desk on a USB stick and run “checkin sync join FILE” there.</source>
      <translation>This provisioning (%1 bytes, with the server's certificate) is too big for a camera to read: copy the file to the desk on a USB stick and run “checkin sync join FILE” there.</translation>
    </message>
    <message>
      <source>Revoke %1</source>
      <translation>Revoke %1</translation>
    </message>
    <message>
      <source>Revoke desk %1? It can no longer sync; the events it has not synced stay on it (checkin sync export).</source>
      <translation>Revoke desk %1? It can no longer sync; the events it has not synced stay on it (checkin sync export).</translation>
    </message>
    <message>
      <source>Revoke</source>
      <translation>Revoke</translation>
    </message>
    <message>
      <source>Keep it</source>
      <translation>Keep it</translation>
    </message>
    <message>
      <source>Desk %1 revoked: it can no longer sync; its unsynced events stay on it.</source>
      <translation>Desk %1 revoked: it can no longer sync; its unsynced events stay on it.</translation>
    </message>
    <message>
      <source>A desk of that name exists: revoke it first to provision it again (%1).</source>
      <translation>A desk of that name exists: revoke it first to provision it again (%1).</translation>
    </message>
    <message>
      <source>Choose at least one workshop of this database.</source>
      <translation>Choose at least one workshop of this database.</translation>
    </message>
    <message>
      <source>No such desk.</source>
      <translation>No such desk.</translation>
    </message>
    <message>
      <source>Could not do it: %1</source>
      <translation>Could not do it: %1</translation>
    </message>
  </context>
  <context>
    <name>RescheduleDialog</name>
    <message>
      <source>Reschedule %1</source>
      <translation>Reschedule %1</translation>
    </message>
    <message>
      <source>e.g. typhoon day off</source>
      <translation>e.g. typhoon day off</translation>
    </message>
    <message>
      <source>New date</source>
      <translation>New date</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Schedule this cancelled workshop again: its notices admit people again</source>
      <translation>Schedule this cancelled workshop again: its notices admit people again</translation>
    </message>
    <message>
      <source>%1 is cancelled. It becomes scheduled again only if you say so here.</source>
      <translation>%1 is cancelled. It becomes scheduled again only if you say so here.</translation>
    </message>
    <message>
      <source>Reschedule</source>
      <translation>Reschedule</translation>
    </message>
  </context>
  <context>
    <name>WorkshopsModel</name>
    <message>
      <source>Workshop</source>
      <translation>Workshop</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Venue</source>
      <translation>Venue</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Registered</source>
      <translation>Registered</translation>
    </message>
    <message>
      <source>Waitlisted</source>
      <translation>Waitlisted</translation>
    </message>
    <message>
      <source>Notices sent</source>
      <translation>Notices sent</translation>
    </message>
    <message>
      <source>Arrived</source>
      <translation>Arrived</translation>
    </message>
    <message>
      <source>Turned away</source>
      <translation>Turned away</translation>
    </message>
    <message>
      <source>Left early</source>
      <translation>Left early</translation>
    </message>
    <message>
      <source>Certified</source>
      <translation>Certified</translation>
    </message>
    <message>
      <source>scheduled</source>
      <translation>scheduled</translation>
    </message>
    <message>
      <source>cancelled</source>
      <translation>cancelled</translation>
    </message>
  </context>
  <context>
    <name>WorkshopsPage</name>
    <message>
      <source>This office works on this computer's own database, without a central server. Registrations imported here stay here: the desks know them only when they are imported into the central database the desks sync with.</source>
      <translation>This office works on this computer's own database, without a central server. Registrations imported here stay here: the desks know them only when they are imported into the central database the desks sync with.</translation>
    </message>
    <message>
      <source>Reschedule…</source>
      <translation>Reschedule…</translation>
    </message>
    <message>
      <source>Cancel workshop…</source>
      <translation>Cancel workshop…</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>%1 cancelled. The QR codes of its %2 registrants now answer “workshop cancelled” at the desk, once the desks have synced.</source>
      <translation>%1 cancelled. The QR codes of its %2 registrants now answer “workshop cancelled” at the desk, once the desks have synced.</translation>
    </message>
    <message>
      <source>%1 is scheduled again on %3: its %2 registrants’ notices admit again and are due to be sent again (same QR codes).</source>
      <translation>%1 is scheduled again on %3: its %2 registrants’ notices admit again and are due to be sent again (same QR codes).</translation>
    </message>
    <message>
      <source>%1 moved from %4 to %3: the notices of its %2 registrants are due again (same QR codes); send them from the notices page.</source>
      <translation>%1 moved from %4 to %3: the notices of its %2 registrants are due again (same QR codes); send them from the notices page.</translation>
    </message>
    <message>
      <source>This workshop is cancelled: it is scheduled again only when you tick “schedule this cancelled workshop again”.</source>
      <translation>This workshop is cancelled: it is scheduled again only when you tick “schedule this cancelled workshop again”.</translation>
    </message>
    <message>
      <source>The workshop is already on that date.</source>
      <translation>The workshop is already on that date.</translation>
    </message>
    <message>
      <source>The workshop is already cancelled.</source>
      <translation>The workshop is already cancelled.</translation>
    </message>
    <message>
      <source>No such workshop in this database.</source>
      <translation>No such workshop in this database.</translation>
    </message>
    <message>
      <source>Could not do it: %1</source>
      <translation>Could not do it: %1</translation>
    </message>
  </context>
  <context>
    <name>online_messages</name>
    <message>
      <source>Online only</source>
      <translation>Online only</translation>
    </message>
    <message>
      <source>This session is held online only; the link was e-mailed to every registrant.</source>
      <translation>This session is held online only; the link was e-mailed to every registrant.</translation>
    </message>
  </context>
  <context>
    <name>RegistrationsPage</name>
    <message>
      <source>Registered</source>
      <translation>Registered</translation>
    </message>
    <message>
      <source>Waitlisted</source>
      <translation>Waitlisted</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>Cancelled</translation>
    </message>
    <message>
      <source>New</source>
      <translation>New</translation>
    </message>
    <message>
      <source>Updated</source>
      <translation>Updated</translation>
    </message>
    <message>
      <source>Unchanged</source>
      <translation>Unchanged</translation>
    </message>
    <message>
      <source>Not imported</source>
      <translation>Not imported</translation>
    </message>
    <message>
      <source>Name missing</source>
      <translation>Name missing</translation>
    </message>
    <message>
      <source>Company missing</source>
      <translation>Company missing</translation>
    </message>
    <message>
      <source>E-mail missing</source>
      <translation>E-mail missing</translation>
    </message>
    <message>
      <source>Malformed e-mail</source>
      <translation>Malformed e-mail</translation>
    </message>
    <message>
      <source>Bad tax ID (ignored)</source>
      <translation>Bad tax ID (ignored)</translation>
    </message>
    <message>
      <source>Phone normalised</source>
      <translation>Phone normalised</translation>
    </message>
    <message>
      <source>Phone not recognised</source>
      <translation>Phone not recognised</translation>
    </message>
    <message>
      <source>Same person twice</source>
      <translation>Same person twice</translation>
    </message>
    <message>
      <source>Company limit reached: waitlisted</source>
      <translation>Company limit reached: waitlisted</translation>
    </message>
    <message>
      <source>Seats full: waitlisted</source>
      <translation>Seats full: waitlisted</translation>
    </message>
    <message>
      <source>Another workshop</source>
      <translation>Another workshop</translation>
    </message>
    <message>
      <source>Cancelled in the file</source>
      <translation>Cancelled in the file</translation>
    </message>
    <message>
      <source>Incomplete row</source>
      <translation>Incomplete row</translation>
    </message>
    <message>
      <source>Control characters removed</source>
      <translation>Control characters removed</translation>
    </message>
    <message>
      <source>Name too long</source>
      <translation>Name too long</translation>
    </message>
    <message>
      <source>Company name too long</source>
      <translation>Company name too long</translation>
    </message>
    <message>
      <source>Line</source>
      <translation>Line</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Company</source>
      <translation>Company</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Issues</source>
      <translation>Issues</translation>
    </message>
    <message>
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>Workshop</source>
      <translation>Workshop</translation>
    </message>
    <message>
      <source>Choose file…</source>
      <translation>Choose file…</translation>
    </message>
    <message>
      <source>Try the sample file</source>
      <translation>Try the sample file</translation>
    </message>
    <message>
      <source>No file chosen</source>
      <translation>No file chosen</translation>
    </message>
    <message>
      <source>Apply import</source>
      <translation>Apply import</translation>
    </message>
    <message>
      <source>Import the registration website's file</source>
      <translation>Import the registration website's file</translation>
    </message>
    <message>
      <source>Search name, company, e-mail or phone</source>
      <translation>Search name, company, e-mail or phone</translation>
    </message>
    <message>
      <source>All</source>
      <translation>All</translation>
    </message>
    <message>
      <source>Roster</source>
      <translation>Roster</translation>
    </message>
    <message>
      <source>Registration file</source>
      <translation>Registration file</translation>
    </message>
    <message>
      <source>Registration exports (*.csv *.xlsx)</source>
      <translation>Registration exports (*.csv *.xlsx)</translation>
    </message>
    <message>
      <source>Reading…</source>
      <translation>Reading…</translation>
    </message>
    <message>
      <source>Imported.</source>
      <translation>Imported.</translation>
    </message>
    <message>
      <source>This file cannot be imported (%1); nothing was changed.</source>
      <translation>This file cannot be imported (%1); nothing was changed.</translation>
    </message>
    <message>
      <source>New %1, updated %2, unchanged %3, cancelled %4, waitlisted %5, not imported %6.</source>
      <translation>New %1, updated %2, unchanged %3, cancelled %4, waitlisted %5, not imported %6.</translation>
    </message>
    <message>
      <source>Dry run: nothing written yet.</source>
      <translation>Dry run: nothing written yet.</translation>
    </message>
    <message>
      <source>%1 people</source>
      <translation>%1 people</translation>
    </message>
  </context>
  <context>
    <name>NoticesPage</name>
    <message>
      <source>No e-mail address</source>
      <translation>No e-mail address</translation>
    </message>
    <message>
      <source>Malformed e-mail address</source>
      <translation>Malformed e-mail address</translation>
    </message>
    <message>
      <source>The mail server refused the address</source>
      <translation>The mail server refused the address</translation>
    </message>
    <message>
      <source>The mail server refused the message</source>
      <translation>The mail server refused the message</translation>
    </message>
    <message>
      <source>Connection lost</source>
      <translation>Connection lost</translation>
    </message>
    <message>
      <source>Mail server error</source>
      <translation>Mail server error</translation>
    </message>
    <message>
      <source>Level-3 alert</source>
      <translation>Level-3 alert</translation>
    </message>
    <message>
      <source>Hold %1 online only? Its QR codes will no longer admit anyone at the door, and every registrant and the waitlist will be e-mailed the link.</source>
      <translation>Hold %1 online only? Its QR codes will no longer admit anyone at the door, and every registrant and the waitlist will be e-mailed the link.</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Workshop</source>
      <translation>Workshop</translation>
    </message>
    <message>
      <source>SMTP server</source>
      <translation>SMTP server</translation>
    </message>
    <message>
      <source>Sender</source>
      <translation>Sender</translation>
    </message>
    <message>
      <source>Security</source>
      <translation>Security</translation>
    </message>
    <message>
      <source>SMTP user</source>
      <translation>SMTP user</translation>
    </message>
    <message>
      <source>Online course link</source>
      <translation>Online course link</translation>
    </message>
    <message>
      <source>Preview</source>
      <translation>Preview</translation>
    </message>
    <message>
      <source>Render to folder…</source>
      <translation>Render to folder…</translation>
    </message>
    <message>
      <source>Send notices</source>
      <translation>Send notices</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>Pause</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>Resume</translation>
    </message>
    <message>
      <source>Save link</source>
      <translation>Save link</translation>
    </message>
    <message>
      <source>Send online link</source>
      <translation>Send online link</translation>
    </message>
    <message>
      <source>Level-3 alert: online only</source>
      <translation>Level-3 alert: online only</translation>
    </message>
    <message>
      <source>Not sent (retried by the next send)</source>
      <translation>Not sent (retried by the next send)</translation>
    </message>
    <message>
      <source>Nobody registered yet</source>
      <translation>Nobody registered yet</translation>
    </message>
    <message>
      <source>Folder for the notices</source>
      <translation>Folder for the notices</translation>
    </message>
    <message>
      <source>Rendering…</source>
      <translation>Rendering…</translation>
    </message>
    <message>
      <source>%1 notices written.</source>
      <translation>%1 notices written.</translation>
    </message>
    <message>
      <source>Link saved.</source>
      <translation>Link saved.</translation>
    </message>
    <message>
      <source>Sending…</source>
      <translation>Sending…</translation>
    </message>
    <message>
      <source>Sent %1, failed %2, sent before %3, not reached %4.</source>
      <translation>Sent %1, failed %2, sent before %3, not reached %4.</translation>
    </message>
    <message>
      <source>Paused.</source>
      <translation>Paused.</translation>
    </message>
    <message>
      <source>Stopped: %1</source>
      <translation>Stopped: %1</translation>
    </message>
    <message>
      <source>The workshop was cancelled: “Send notices” now sends its registrants and waiting list the cancellation.</source>
      <translation>The workshop was cancelled: “Send notices” now sends its registrants and waiting list the cancellation.</translation>
    </message>
    <message>
      <source>The workshop was moved: “Send notices” now sends its registrants the new date (same QR codes).</source>
      <translation>The workshop was moved: “Send notices” now sends its registrants the new date (same QR codes).</translation>
    </message>
  </context>
  <context>
    <name>DayConflictsModel</name>
    <message>
      <source>Admitted twice</source>
      <translation>Admitted twice</translation>
    </message>
    <message>
      <source>First arrival</source>
      <translation>First arrival</translation>
    </message>
    <message>
      <source>Over the company cap</source>
      <translation>Over the company cap</translation>
    </message>
    <message>
      <source>Within the company cap</source>
      <translation>Within the company cap</translation>
    </message>
    <message>
      <source>Over capacity</source>
      <translation>Over capacity</translation>
    </message>
    <message>
      <source>Within capacity</source>
      <translation>Within capacity</translation>
    </message>
    <message>
      <source>Conflict</source>
      <translation>Conflict</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Company</source>
      <translation>Company</translation>
    </message>
    <message>
      <source>Desk</source>
      <translation>Desk</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>Time</translation>
    </message>
  </context>
  <context>
    <name>DayPage</name>
    <message>
      <source>Refresh</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>Day</source>
      <translation>Day</translation>
    </message>
    <message>
      <source>No workshop on this day.</source>
      <translation>No workshop on this day.</translation>
    </message>
    <message>
      <source>Arrivals</source>
      <translation>Arrivals</translation>
    </message>
    <message>
      <source>Arrivals per ten minutes</source>
      <translation>Arrivals per ten minutes</translation>
    </message>
    <message>
      <source>Arrivals per desk</source>
      <translation>Arrivals per desk</translation>
    </message>
    <message>
      <source>Updated %1</source>
      <translation>Updated %1</translation>
    </message>
    <message>
      <source>Could not read the day: %1</source>
      <translation>Could not read the day: %1</translation>
    </message>
    <message>
      <source>Conflicts across desks: none</source>
      <translation>Conflicts across desks: none</translation>
    </message>
    <message>
      <source>Arrived %1 of %2 · seats left %3 · conflicts %4</source>
      <translation>Arrived %1 of %2 · seats left %3 · conflicts %4</translation>
    </message>
    <message>
      <source>Conflicts across desks: %1 (a supervisor's override is not one)</source>
      <translation>Conflicts across desks: %1 (a supervisor's override is not one)</translation>
    </message>
  </context>
  <context>
    <name>DayDesksModel</name>
    <message>
      <source>Desk</source>
      <translation>Desk</translation>
    </message>
    <message>
      <source>Arrivals</source>
      <translation>Arrivals</translation>
    </message>
    <message>
      <source>Admitted again</source>
      <translation>Admitted again</translation>
    </message>
    <message>
      <source>Last arrival</source>
      <translation>Last arrival</translation>
    </message>
  </context>
  <context>
    <name>AfterDayPage</name>
    <message>
      <source>Choose…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>Import scores…</source>
      <translation>Import scores…</translation>
    </message>
    <message>
      <source>Issue certificates</source>
      <translation>Issue certificates</translation>
    </message>
    <message>
      <source>Write the workshop's report</source>
      <translation>Write the workshop's report</translation>
    </message>
    <message>
      <source>Write the summary across workshops</source>
      <translation>Write the summary across workshops</translation>
    </message>
    <message>
      <source>Workshop</source>
      <translation>Workshop</translation>
    </message>
    <message>
      <source>Save files in</source>
      <translation>Save files in</translation>
    </message>
    <message>
      <source>Report format</source>
      <translation>Report format</translation>
    </message>
    <message>
      <source>Import scores</source>
      <translation>Import scores</translation>
    </message>
    <message>
      <source>Score files (*.csv *.xlsx)</source>
      <translation>Score files (*.csv *.xlsx)</translation>
    </message>
    <message>
      <source>Working…</source>
      <translation>Working…</translation>
    </message>
    <message>
      <source>Failed (%1): %2</source>
      <translation>Failed (%1): %2</translation>
    </message>
    <message>
      <source>%1: scores imported: %2 new, %3 corrected, %4 unchanged</source>
      <translation>%1: scores imported: %2 new, %3 corrected, %4 unchanged</translation>
    </message>
    <message>
      <source>  line %1: %2 / %3: not imported (%4)</source>
      <translation>  line %1: %2 / %3: not imported (%4)</translation>
    </message>
    <message>
      <source>  certificate %1 withdrawn</source>
      <translation>  certificate %1 withdrawn</translation>
    </message>
    <message>
      <source>%1: %2 certificates (%3 new), %4 withdrawn</source>
      <translation>%1: %2 certificates (%3 new), %4 withdrawn</translation>
    </message>
    <message>
      <source>  removed the withdrawn certificate's file %1</source>
      <translation>  removed the withdrawn certificate's file %1</translation>
    </message>
    <message>
      <source>Report written:</source>
      <translation>Report written:</translation>
    </message>
    <message>
      <source>nobody of this workshop</source>
      <translation>nobody of this workshop</translation>
    </message>
    <message>
      <source>more than one person matches</source>
      <translation>more than one person matches</translation>
    </message>
    <message>
      <source>the same person with another score on another row</source>
      <translation>the same person with another score on another row</translation>
    </message>
    <message>
      <source>not a whole number 0-100</source>
      <translation>not a whole number 0-100</translation>
    </message>
  </context>
  <context>
    <name>FollowupsModel</name>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Company</source>
      <translation>Company</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>Opened</source>
      <translation>Opened</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>Changed</source>
      <translation>Changed</translation>
    </message>
  </context>
  <context>
    <name>FollowupsPage</name>
    <message>
      <source>Show closed ones too</source>
      <translation>Show closed ones too</translation>
    </message>
    <message>
      <source>Workshop</source>
      <translation>Workshop</translation>
    </message>
    <message>
      <source>Note (what was said, the result)</source>
      <translation>Note (what was said, the result)</translation>
    </message>
    <message>
      <source>Save the change</source>
      <translation>Save the change</translation>
    </message>
    <message>
      <source>New status</source>
      <translation>New status</translation>
    </message>
    <message>
      <source>Follow-ups</source>
      <translation>Follow-ups</translation>
    </message>
    <message>
      <source>Check first what the purge will delete.</source>
      <translation>Check first what the purge will delete.</translation>
    </message>
    <message>
      <source>Check what it will delete</source>
      <translation>Check what it will delete</translation>
    </message>
    <message>
      <source>Delete it now</source>
      <translation>Delete it now</translation>
    </message>
    <message>
      <source>Health data older than %1 days</source>
      <translation>Health data older than %1 days</translation>
    </message>
    <message>
      <source>Saved: %1, %2</source>
      <translation>Saved: %1, %2</translation>
    </message>
    <message>
      <source>This database login may not read health data. Follow-ups are shown only to the organiser's office login.</source>
      <translation>This database login may not read health data. Follow-ups are shown only to the organiser's office login.</translation>
    </message>
    <message>
      <source>Not saved (%1): %2</source>
      <translation>Not saved (%1): %2</translation>
    </message>
    <message>
      <source>Nothing to delete: no health data of workshops held before %1.</source>
      <translation>Nothing to delete: no health data of workshops held before %1.</translation>
    </message>
    <message>
      <source>The purge will delete, of %1 workshops held before %2: %3 screenings (temperatures and declarations), %4 follow-ups and %5 changes of them. Attendance stays.</source>
      <translation>The purge will delete, of %1 workshops held before %2: %3 screenings (temperatures and declarations), %4 follow-ups and %5 changes of them. Attendance stays.</translation>
    </message>
    <message>
      <source>Deleted: %1 screenings, %2 follow-ups and %3 changes of %4 workshops.</source>
      <translation>Deleted: %1 screenings, %2 follow-ups and %3 changes of %4 workshops.</translation>
    </message>
    <message>
      <source>The purge could not run (%1): nothing was deleted.</source>
      <translation>The purge could not run (%1): nothing was deleted.</translation>
    </message>
  </context>
  <context>
    <name>ScreeningRulesBox</name>
    <message>
      <source>Screening rules for the desks</source>
      <translation>Screening rules for the desks</translation>
    </message>
    <message>
      <source>Screen at the door</source>
      <translation>Screen at the door</translation>
    </message>
    <message>
      <source>A second reading after a rest</source>
      <translation>A second reading after a rest</translation>
    </message>
    <message>
      <source>No second reading: the first one over denies</source>
      <translation>No second reading: the first one over denies</translation>
    </message>
    <message>
      <source> min</source>
      <translation> min</translation>
    </message>
    <message>
      <source>Save the rules</source>
      <translation>Save the rules</translation>
    </message>
    <message>
      <source>From</source>
      <translation>From</translation>
    </message>
    <message>
      <source>Fever: over</source>
      <translation>Fever: over</translation>
    </message>
    <message>
      <source>Reading</source>
      <translation>Reading</translation>
    </message>
    <message>
      <source>Rest before it</source>
      <translation>Rest before it</translation>
    </message>
    <message>
      <source>Questions</source>
      <translation>Questions</translation>
    </message>
    <message>
      <source>The desks show: %1</source>
      <translation>The desks show: %1</translation>
    </message>
    <message>
      <source>Saved. Desks take the rules with their next roster pull.</source>
      <translation>Saved. Desks take the rules with their next roster pull.</translation>
    </message>
    <message>
      <source>The rules were not saved (%1).</source>
      <translation>The rules were not saved (%1).</translation>
    </message>
  </context>
</TS>
