<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Gatehouse::DirectoryRepository</name>
    <message>
        <source>Give the workspace a name of at most 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name of at most 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password could not be hashed (out of memory).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A staff member with this email already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The email or password is not correct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a company name of at most 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A company with this name already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name (at most 200 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This company already has a contact with this email.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gatehouse::Http</name>
    <message>
        <source>Something went wrong on our side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request did not come from the portal&apos;s own pages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the request body as application/json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gatehouse::Invite</name>
    <message>
        <source>No such contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portal access is turned off for %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gatehouse::Mail</name>
    <message numerus="yes">
        <source>The code and the link work once and expire in %n minutes.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::MailComposer</name>
    <message>
        <source>%1 invites you to your client portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello %1,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has set up a portal for %2 where you can follow your onboarding and complete your tasks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open your portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password needed: we will confirm your email address with a one-time code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in code for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in code: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or sign in with this link:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you did not ask to sign in, you can ignore this message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gatehouse::OnboardingService</name>
    <message>
        <source>Choose a company.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Onboarding %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name can be at most 200 characters long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a start date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note can be at most 2000 characters long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This task is done by %1, not by you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This task is completed by providing what it asks for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This task is already completed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gatehouse::Password</name>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>A password cannot be only spaces.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalAuthService</name>
    <message>
        <source>This invitation link is not valid any more. Ask your contact for a new one, or sign in with your email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That code is not correct or has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the 6-digit code from the email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong codes. Ask for a new sign-in email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sign-in link has expired or was already used. Ask for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sign-in was already used. Ask for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gatehouse::ServiceError</name>
    <message>
        <source>Something went wrong on our side. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gatehouse::Task</name>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MSP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secure file drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gatehouse::Template</name>
    <message>
        <source>Give the template a name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gatehouse::WorkspaceSetup</name>
    <message>
        <source>Managed services onboarding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From kick-off to go-live for a new managed services client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kick-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the kick-off call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meet the team and agree on the plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm your main contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell us who decides, who approves and who we call in an emergency.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share your current IT documentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network diagrams, asset lists, anything you have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assess the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We map devices, links and risks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm office locations and opening hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>So that we schedule changes outside your working hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over administrator logins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrar, firewall and cloud admin accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer the IT questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ten minutes about how you work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploy monitoring agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On every server and workstation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign the service agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read it and sign online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete security awareness training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A short video for every user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the go-live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm that everything is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over to the support desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your tickets now go to our desk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>api</name>
    <message>
        <source>Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You do not have access to this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This could not be found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong (error %1). Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal could not be reached. Check your connection and try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal is not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to your portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address does not lead anywhere in the portal.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>auth</name>
    <message>
        <source>Secure sign-in by email. No password to remember.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check your email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We sent a 6-digit code and a sign-in link to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code expires after a while. You can also use the link in the email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the 6-digit code from the email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new code is on its way to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an unexpected answer. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify your email to open your portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We will email you a 6-digit code and a sign-in link. No password needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send me a sign-in code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You opened a sign-in link from your email. Continue to open your portal on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue to the portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request a new sign-in code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open your portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the email address your IT provider has on file. We will send you a sign-in code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email me a sign-in code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>branding</name>
    <message>
        <source>Client portal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>home</name>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secure file drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1% complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your onboarding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 tasks done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note can be at most %1 characters long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task completed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing for you to do right now. We will email you when something needs your attention.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have completed all your tasks. Thank you!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Us</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No phases yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your IT provider has not started an onboarding for you yet. We will email you when it begins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your portal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
