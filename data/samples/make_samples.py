"""Generate the bundled sample feedback files (deterministic: fixed seed, no network).

Run ``python data/samples/make_samples.py`` to rewrite every file in this folder
byte-identically.  The comments are assembled from hand-written phrase banks per
language and cause; the planted patterns are described in README.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import random
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

__all__ = [
    "APP_THEME",
    "CAUSES",
    "CORES",
    "LANGUAGES",
    "PRICE_CHANGE",
    "SEED",
    "TEAMS",
    "generate",
]

SEED = 2025
LANGUAGES = ("en", "ru", "lt", "lv", "et")
CAUSES = (
    "rudeness",
    "broken_promise",
    "overcharging",
    "unresolved",
    "treated_as_number",
)
APP_THEME = "app_logout"
KINDS = (*CAUSES, "praise", "neutral", APP_THEME)

START = date(2025, 1, 1)
END = date(2026, 2, 28)
PRICE_CHANGE = date(2025, 6, 1)
APP_RELEASE = date(2025, 9, 1)
WINTER_MONTHS = (12, 1, 2)

MAIN_CSV = "feedback_sample.csv"
LABELS_CSV = "feedback_sample_labels.csv"
SMALL_XLSX = "feedback_small.xlsx"
CP1257_CSV = "feedback_lt_cp1257.csv"

# ---------------------------------------------------------------------------
# Phrase banks.  Placeholders: {amount} {minutes} {days} {phone} {email}.
# Numbers are drawn so that every language's noun agreement stays grammatical
# (minutes: multiples of ten; days: 10, 12, 14, 15, 20).
# ---------------------------------------------------------------------------

CORES: dict[str, dict[str, list[str]]] = {
    "en": {
        "rudeness": [
            "The consultant rolled her eyes and told me to read the contract myself.",
            "The man at the desk was openly sarcastic and made fun of my question.",
            "I was shouted at on the phone as if it was all my fault.",
            "The agent hung up on me in the middle of my sentence.",
            "She said that people like me should not be allowed near the internet.",
            "He commented on my accent instead of answering my question.",
            "The operator sighed loudly and said 'what now?' before I even started.",
            "I was spoken to with open contempt, as if I was wasting their time.",
            "The employee told me to stop whining and go home.",
            "When I asked for his name he laughed and refused to give it.",
            "The lady at the counter was extremely rude and raised her voice at me.",
            "He interrupted me three times and called my question stupid.",
            "The chat agent sent a mocking emoji and 'figure it out yourself'.",
            "I was treated with arrogance and condescension from the first minute.",
            "The specialist made a remark about my age, which was humiliating.",
            "While I was talking, the staff member turned away to gossip with a "
            "colleague.",
            "The reply to my post on Facebook was snide and insulting.",
        ],
        "broken_promise": [
            "I was promised a call back within an hour and nobody called.",
            "You said the technician would come on Tuesday, he never showed up.",
            "The refund was promised within {days} days and I am still waiting.",
            "The manager promised to send the corrected invoice by Friday, nothing "
            "arrived.",
            "They assured me the connection would be back by the evening, it was not.",
            "I was told I would get a confirmation by e-mail, it never came.",
            "The discount the agent confirmed was never applied.",
            "Three times I heard 'we will call you tomorrow' and three times nobody "
            "did.",
            "The deadline you gave me passed a week ago without a word from you.",
            "Your colleague promised to terminate my contract, but it is still active.",
            "The new router that was promised for last week has not been delivered.",
            "I was told my case would be escalated and someone would contact me. "
            "Silence.",
            "A written reply was promised within {days} days and never came.",
            "We agreed to move the installation to Monday and then nobody turned up.",
            "The gift you promised when I signed the contract was never sent.",
            "The agent said she would check and write back the same day. That was "
            "{days} days ago.",
        ],
        "overcharging": [
            "My bill is {amount} higher than the price I agreed to.",
            "You charged me twice for the same month.",
            "There is a hidden 'service fee' on my invoice that nobody mentioned.",
            "I was charged for the installation that was advertised as free.",
            "The monthly fee went up without any notice.",
            "I signed up for a plan at 19.99 and now I am billed 27.99.",
            "There is a charge of {amount} for a service I never ordered.",
            "The 'free' first month was billed in full.",
            "I got a late payment penalty although I paid on time.",
            "The same payment was taken from my card two times.",
            "You billed me for roaming although I never left the country.",
            "The cancellation fee is much higher than what the contract says.",
            "I am still paying for a TV package I cancelled in March.",
            "The price on the invoice does not match the offer I accepted.",
            "A paper invoice fee appeared even though I get my invoices by e-mail.",
            "You took an extra {amount} from my account without any explanation.",
        ],
        "unresolved": [
            "My internet still drops every evening, nothing has been fixed.",
            "This is the fourth time I am contacting you about the same problem.",
            "I was passed from one department to another and nobody took "
            "responsibility.",
            "The agent said it was 'not his competence' and gave me another number.",
            "The technician came, but the fault was back the next day.",
            "You closed my ticket, but the issue is not solved.",
            "Everyone I talk to tells me to restart the router, it does not help.",
            "The error on my invoice was supposedly corrected and it is still there.",
            "I explained everything at the office and then had to explain it all "
            "again on the phone.",
            "Nobody could tell me why my account is blocked.",
            "Tech support sent me to billing and billing sent me back to tech support.",
            "The fault was not repaired the first time, and not the second time "
            "either.",
            "On the phone I was told to go to the office, the office told me to call "
            "the hotline.",
            "After two visits from your engineer the TV still has no signal.",
            "The consultant had no idea how to help and simply gave up.",
            "The problem has been dragging on for a month with no solution.",
        ],
        "treated_as_number": [
            "I waited {minutes} minutes on hold before anyone answered.",
            "I got a template answer that had nothing to do with my question.",
            "Nobody replied to my e-mail for two weeks.",
            "The queue at the office was over an hour long with one window open.",
            "To you I am just a contract number, not a person.",
            "The agent read from a script and did not listen to a word I said.",
            "My messages in the chat were ignored for {minutes} minutes.",
            "The voice menu sent me round in circles and I never reached a human.",
            "The answer was copy-pasted, they even left another customer's name in it.",
            "I have been a customer for ten years and got the same standard letter as "
            "everyone else.",
            "I was number 27 in the queue and the call dropped after {minutes} "
            "minutes.",
            "The staff were completely indifferent to my situation.",
            "My complaint was answered with a generic 'thank you for your feedback'.",
            "My comment on your page was simply ignored.",
            "I was on hold for ages listening to the same tune over and over.",
            "The employee did not even look up from the screen, just asked for my "
            "contract number.",
        ],
        "praise": [
            "Wow! The agent sorted everything out in five minutes and even gave me a "
            "free month.",
            "I expected a long fight, but the refund was in my account the next "
            "morning.",
            "The technician came early and tidied up all the cables without being "
            "asked.",
            "Great service: the consultant found me a cheaper plan without me asking.",
            "Honestly surprised, she called me back herself to check that everything "
            "works.",
            "Best customer service I have had in years, thank you Laura!",
            "Very friendly and quick, they did far more than I asked for.",
            "The chat agent explained everything patiently and e-mailed me a summary. "
            "Excellent.",
            "I did not expect such care, they even remembered my previous problem.",
            "The girl at the office was lovely and helped my elderly mother set up "
            "her phone.",
            "Fantastic, fixed on the first call and a small gift for the trouble.",
            "Pleasantly surprised: delivered the same day with a handwritten "
            "thank-you card.",
            "Super helpful team, they went above and beyond!",
            "I came with one question and left with three problems solved. Amazing.",
            "Quick, polite and genuinely caring. More than I expected.",
            "Thank you for the birthday discount, a really nice surprise!",
        ],
        "neutral": [
            "How can I change the e-mail address in my account?",
            "Please send me a copy of the March invoice.",
            "What are your office opening hours on Saturday?",
            "Can I move my contract to a new address?",
            "Is there a plan with more mobile data?",
            "I am moving next month, what do I need to do?",
            "Can I pay by bank transfer instead of card?",
            "Everything was done as agreed, thank you.",
            "My question was answered, no further comments.",
            "Please update my phone number to {phone}.",
            "Where can I find my contract number?",
            "The consultation was fine, as expected.",
            "I would like a second TV box, how much does it cost?",
            "Ok.",
            "My e-mail is {email}, please send the documents there.",
            "How do I switch on automatic payments?",
        ],
        APP_THEME: [
            "Since the last update the app keeps logging me out every few minutes.",
            "The new app crashes as soon as I try to log in.",
            "After updating the app I have to type my password every time I open it.",
            "Your new app throws me out in the middle of paying a bill.",
            "The app closes itself right after the login screen.",
            "Fingerprint login stopped working after the update and the app signs me "
            "out constantly.",
            "The new version of the app freezes on the login page.",
            "Every time I switch to another app and come back, I am logged out again.",
            "The updated app says 'session expired' all the time.",
            "I can't stay logged in to the app since the new version came out.",
            "Since last week's update the app crashes on start on my Android phone.",
            "The app kicks me out every time I try to check my balance.",
        ],
    },
    "ru": {
        "rudeness": [
            "Консультант закатила глаза и сказала, чтобы я сам читал договор.",
            "Сотрудник за стойкой откровенно язвил и смеялся над моим вопросом.",
            "На меня накричали по телефону, будто это я во всём виноват.",
            "Оператор бросил трубку посреди разговора.",
            "Мне заявили, что таким, как я, вообще не стоит пользоваться интернетом.",
            "Вместо ответа он начал обсуждать мой акцент.",
            "Оператор тяжело вздохнула и сказала: «Ну что опять?»",
            "Со мной разговаривали с нескрываемым презрением, будто я отнимаю у них "
            "время.",
            "Сотрудница велела мне перестать ныть и идти домой.",
            "Когда я спросил его имя, он рассмеялся и отказался представиться.",
            "Женщина за стойкой хамила и повышала на меня голос.",
            "Он трижды перебил меня и назвал мой вопрос глупым.",
            "В чате мне ответили издевательским смайликом и фразой «сами "
            "разбирайтесь».",
            "С первой минуты со мной разговаривали свысока и высокомерно.",
            "Специалист позволил себе замечание о моём возрасте, это было унизительно.",
            "Пока я говорил, сотрудник отвернулся и болтал с коллегой.",
            "Ответ на мой пост в Фейсбуке был насмешливым и оскорбительным.",
        ],
        "broken_promise": [
            "Мне обещали перезвонить в течение часа, но никто так и не позвонил.",
            "Сказали, что мастер придёт во вторник, он так и не появился.",
            "Возврат денег обещали в течение {days} дней, я до сих пор жду.",
            "Менеджер обещал прислать исправленный счёт до пятницы, ничего не пришло.",
            "Меня заверили, что связь восстановят к вечеру, но этого не случилось.",
            "Обещанное подтверждение по электронной почте так и не пришло.",
            "Скидку, которую подтвердил оператор, так и не применили.",
            "Три раза мне говорили «завтра перезвоним», и три раза никто не позвонил.",
            "Срок, который вы мне назвали, прошёл неделю назад, и тишина.",
            "Ваш коллега обещал расторгнуть договор, но он до сих пор действует.",
            "Новый роутер, который обещали на прошлой неделе, так и не доставили.",
            "Сказали, что передадут вопрос руководству и со мной свяжутся. Тишина.",
            "Письменный ответ обещали в течение {days} дней, его так и нет.",
            "Договорились перенести установку на понедельник, а потом просто не "
            "приехали.",
            "Подарок, обещанный при заключении договора, так и не прислали.",
            "Сотрудница сказала, что проверит и ответит в тот же день. Прошло уже "
            "{days} дней.",
        ],
        "overcharging": [
            "Счёт на {amount} больше, чем цена, о которой мы договорились.",
            "С меня дважды списали плату за один и тот же месяц.",
            "В счёте появилась скрытая «сервисная плата», о которой никто не говорил.",
            "С меня взяли деньги за подключение, которое рекламировали как бесплатное.",
            "Абонентскую плату подняли без всякого предупреждения.",
            "Я подключил тариф за 19,99, а теперь мне выставляют 27,99.",
            "В счёте {amount} за услугу, которую я никогда не заказывал.",
            "«Бесплатный» первый месяц выставили к оплате полностью.",
            "Мне начислили пеню за просрочку, хотя я заплатил вовремя.",
            "Один и тот же платёж списали с карты два раза.",
            "Начислили роуминг, хотя я вообще не выезжал из страны.",
            "Плата за расторжение намного выше, чем указано в договоре.",
            "Я до сих пор плачу за ТВ-пакет, от которого отказался ещё в марте.",
            "Цена в счёте не совпадает с предложением, которое я принял.",
            "Появилась плата за бумажный счёт, хотя счета мне приходят на e-mail.",
            "Вы без объяснений сняли с моего счёта лишние {amount}.",
        ],
        "unresolved": [
            "Интернет по-прежнему пропадает каждый вечер, ничего не исправили.",
            "Обращаюсь к вам уже в четвёртый раз с одной и той же проблемой.",
            "Меня футболили из одного отдела в другой, и никто не взял на себя "
            "ответственность.",
            "Оператор сказал, что это «не его компетенция», и дал другой номер.",
            "Мастер приходил, но на следующий день всё сломалось снова.",
            "Вы закрыли мою заявку, но проблема не решена.",
            "Все, с кем я говорю, советуют перезагрузить роутер, это не помогает.",
            "Ошибку в счёте якобы исправили, но она всё ещё там.",
            "Я всё объяснил в офисе, а потом пришлось объяснять заново по телефону.",
            "Никто не смог объяснить, почему заблокирован мой аккаунт.",
            "Техподдержка отправила меня в бухгалтерию, а бухгалтерия обратно в "
            "техподдержку.",
            "Неисправность не устранили ни с первого, ни со второго раза.",
            "По телефону сказали идти в офис, в офисе сказали звонить на горячую "
            "линию.",
            "После двух визитов мастера телевизор всё равно без сигнала.",
            "Консультант не знал, как помочь, и просто развёл руками.",
            "Проблема тянется уже месяц, и никакого решения.",
        ],
        "treated_as_number": [
            "Я прождал на линии {minutes} минут, пока кто-то ответил.",
            "Мне прислали шаблонный ответ, который вообще не касается моего вопроса.",
            "На моё письмо две недели никто не отвечал.",
            "Очередь в офисе больше часа, и работает одно окно.",
            "Для вас я просто номер договора, а не человек.",
            "Оператор читал по скрипту и не слушал, что я говорю.",
            "Мои сообщения в чате игнорировали {minutes} минут.",
            "Автоответчик гонял меня по кругу, до живого человека я так и не "
            "дозвонился.",
            "Ответ скопирован и вставлен, в нём даже оставили чужое имя.",
            "Я ваш клиент десять лет, а получил такое же стандартное письмо, как все.",
            "Я был 27-м в очереди, и через {minutes} минут звонок оборвался.",
            "Сотрудникам было совершенно безразлично, что у меня случилось.",
            "На жалобу ответили дежурным «спасибо за ваш отзыв».",
            "Мой комментарий на вашей странице просто проигнорировали.",
            "Висел на линии целую вечность под одну и ту же мелодию.",
            "Сотрудник даже не поднял глаз от экрана, только спросил номер договора.",
        ],
        "praise": [
            "Вау! Оператор решил всё за пять минут и ещё подарил бесплатный месяц.",
            "Я готовился к долгой борьбе, а деньги вернули уже на следующее утро.",
            "Мастер приехал раньше времени и аккуратно уложил все кабели, хотя я не "
            "просил.",
            "Отличный сервис: консультант сам предложил мне более дешёвый тариф.",
            "Честно удивлён, мне сами перезвонили, чтобы убедиться, что всё работает.",
            "Лучшее обслуживание за последние годы, спасибо Ольге!",
            "Очень вежливо и быстро, сделали гораздо больше, чем я просил.",
            "Сотрудник в чате терпеливо всё объяснил и прислал краткую инструкцию на "
            "почту. Супер.",
            "Не ожидал такой заботы, они даже помнили мою прошлую проблему.",
            "Девушка в офисе была очень милой и помогла моей пожилой маме настроить "
            "телефон.",
            "Потрясающе: решили с первого звонка и ещё дали небольшой подарок за "
            "неудобства.",
            "Приятно поражён: доставили в тот же день и с открыткой от руки.",
            "Команда просто супер, превзошли все ожидания!",
            "Пришёл с одним вопросом, а ушёл с тремя решёнными проблемами. Здорово.",
            "Быстро, вежливо и с настоящим участием. Больше, чем я ожидал.",
            "Спасибо за скидку ко дню рождения, очень приятный сюрприз!",
        ],
        "neutral": [
            "Как изменить адрес электронной почты в личном кабинете?",
            "Пришлите, пожалуйста, копию счёта за март.",
            "Какие часы работы офиса в субботу?",
            "Можно ли перенести договор на новый адрес?",
            "Есть ли тариф с большим объёмом мобильного интернета?",
            "В следующем месяце я переезжаю, что мне нужно сделать?",
            "Можно ли платить банковским переводом вместо карты?",
            "Всё сделали, как договаривались, спасибо.",
            "На вопрос ответили, других замечаний нет.",
            "Прошу обновить мой номер телефона: {phone}.",
            "Где найти номер моего договора?",
            "Консультация прошла нормально, как и ожидалось.",
            "Хочу подключить вторую ТВ-приставку, сколько это стоит?",
            "Нормально.",
            "Мой e-mail {email}, отправьте документы туда.",
            "Подскажите, как подключить автоплатёж?",
        ],
        APP_THEME: [
            "После последнего обновления приложение постоянно выкидывает меня из "
            "аккаунта.",
            "Новое приложение вылетает сразу при попытке войти.",
            "После обновления приложения приходится вводить пароль при каждом "
            "открытии.",
            "Ваше новое приложение выбрасывает меня прямо во время оплаты счёта.",
            "Приложение само закрывается сразу после экрана входа.",
            "Вход по отпечатку пальца перестал работать после обновления, и "
            "приложение всё время разлогинивает.",
            "Новая версия приложения зависает на странице входа.",
            "Стоит переключиться на другое приложение и вернуться, меня снова "
            "разлогинило.",
            "Обновлённое приложение постоянно пишет «сессия истекла».",
            "С выхода новой версии не могу оставаться в приложении залогиненным.",
            "С прошлой недели приложение падает при запуске на моём Android.",
            "Меня выкидывает из приложения каждый раз, когда хочу проверить баланс.",
        ],
    },
    "lt": {
        "rudeness": [
            "Konsultantė pavartė akis ir liepė pačiam pasiskaityti sutartį.",
            "Darbuotojas prie stalo atvirai šaipėsi ir juokėsi iš mano klausimo.",
            "Telefonu ant manęs rėkė, lyg aš būčiau dėl visko kaltas.",
            "Operatorius tiesiog padėjo ragelį man dar nebaigus kalbėti.",
            "Man pasakė, kad tokiems kaip aš išvis nereikėtų naudotis internetu.",
            "Užuot atsakęs į klausimą, jis ėmė komentuoti mano akcentą.",
            "Operatorė garsiai atsiduso ir paklausė: „Na, ko dar?“",
            "Su manimi kalbėjo su atvira panieka, tarsi gaiščiau jų laiką.",
            "Darbuotoja liepė nebeverkšlenti ir eiti namo.",
            "Paklaustas vardo, jis nusijuokė ir atsisakė prisistatyti.",
            "Moteris prie langelio buvo labai nemandagi ir pakėlė balsą.",
            "Jis tris kartus mane pertraukė ir pavadino mano klausimą kvailu.",
            "Pokalbyje man atsakė pašaipia šypsenėle ir „išsiaiškinkite patys“.",
            "Nuo pirmos minutės su manimi kalbėjo iš aukšto ir arogantiškai.",
            "Specialistas leido sau replikuoti apie mano amžių, jaučiausi pažemintas.",
            "Kol kalbėjau, darbuotojas nusisuko ir plepėjo su kolege.",
            "Atsakymas į mano įrašą „Facebook“ buvo pašaipus ir įžeidus.",
        ],
        "broken_promise": [
            "Žadėjo perskambinti per valandą, bet niekas taip ir nepaskambino.",
            "Sakė, kad meistras atvyks antradienį, jis taip ir nepasirodė.",
            "Pinigus grąžinti žadėjo per {days} dienų, o aš vis dar laukiu.",
            "Vadybininkas pažadėjo iki penktadienio atsiųsti pataisytą sąskaitą, "
            "nieko negavau.",
            "Patikino, kad ryšį atkurs iki vakaro, bet taip neįvyko.",
            "Žadėtas patvirtinimas el. paštu taip ir neatėjo.",
            "Nuolaidos, kurią patvirtino operatorius, taip ir nepritaikė.",
            "Tris kartus girdėjau „rytoj paskambinsime“ ir tris kartus niekas "
            "nepaskambino.",
            "Jūsų nurodytas terminas praėjo prieš savaitę, o jokios žinios.",
            "Jūsų kolega pažadėjo nutraukti sutartį, bet ji vis dar galioja.",
            "Naujo maršrutizatoriaus, kurį žadėjo praėjusią savaitę, vis dar neatvežė.",
            "Sakė, kad klausimą perduos vadovybei ir su manimi susisieks. Tyla.",
            "Rašytinį atsakymą žadėjo per {days} dienų, jo iki šiol nėra.",
            "Susitarėme įrengimą perkelti į pirmadienį, o paskui tiesiog neatvažiavo.",
            "Pasirašant sutartį žadėtos dovanos taip ir neatsiuntė.",
            "Darbuotoja sakė, kad patikrins ir atrašys tą pačią dieną. Praėjo jau "
            "{days} dienų.",
        ],
        "overcharging": [
            "Sąskaita {amount} didesnė nei sutarta kaina.",
            "Už tą patį mėnesį nuskaičiavote du kartus.",
            "Sąskaitoje atsirado paslėptas „aptarnavimo mokestis“, apie kurį niekas "
            "neužsiminė.",
            "Man priskaičiavo už prijungimą, kuris buvo reklamuojamas kaip nemokamas.",
            "Mėnesinis mokestis padidėjo be jokio įspėjimo.",
            "Užsisakiau planą už 19,99, o dabar man skaičiuoja 27,99.",
            "Sąskaitoje {amount} už paslaugą, kurios niekada neužsisakiau.",
            "„Nemokamas“ pirmas mėnuo buvo apmokestintas visa kaina.",
            "Priskaičiavo delspinigius, nors sumokėjau laiku.",
            "Tą patį mokėjimą iš kortelės nuskaičiavo du kartus.",
            "Priskaičiavo tarptinklinį ryšį, nors iš šalies niekur nebuvau išvykęs.",
            "Sutarties nutraukimo mokestis daug didesnis, nei parašyta sutartyje.",
            "Vis dar moku už televizijos paketą, kurio atsisakiau dar kovą.",
            "Kaina sąskaitoje nesutampa su pasiūlymu, kurį priėmiau.",
            "Atsirado mokestis už popierinę sąskaitą, nors sąskaitas gaunu el. paštu.",
            "Be jokio paaiškinimo nurašėte papildomus {amount}.",
        ],
        "unresolved": [
            "Internetas vis dar dingsta kiekvieną vakarą, niekas nesutaisyta.",
            "Dėl tos pačios problemos kreipiuosi jau ketvirtą kartą.",
            "Mane siuntinėjo iš vieno skyriaus į kitą, ir niekas neprisiėmė "
            "atsakomybės.",
            "Operatorius pasakė, kad tai „ne jo kompetencija“, ir davė kitą numerį.",
            "Meistras buvo atvykęs, bet kitą dieną gedimas vėl pasikartojo.",
            "Uždarėte mano užklausą, bet problema neišspręsta.",
            "Visi, su kuriais kalbu, liepia perkrauti maršrutizatorių, bet tai "
            "nepadeda.",
            "Klaidą sąskaitoje neva ištaisė, bet ji vis dar ten.",
            "Viską paaiškinau skyriuje, o paskui telefonu teko aiškinti iš naujo.",
            "Niekas negalėjo paaiškinti, kodėl užblokuota mano paskyra.",
            "Techninė pagalba nusiuntė į buhalteriją, o buhalterija atgal į techninę "
            "pagalbą.",
            "Gedimo nepašalino nei pirmą, nei antrą kartą.",
            "Telefonu liepė eiti į skyrių, o skyriuje liepė skambinti karštąja linija.",
            "Po dviejų meistro vizitų televizorius vis tiek be signalo.",
            "Konsultantas nežinojo, kaip padėti, ir tiesiog skėstelėjo rankomis.",
            "Problema tęsiasi jau mėnesį, o sprendimo nėra.",
        ],
        "treated_as_number": [
            "Laukiau ant linijos {minutes} minučių, kol kas nors atsiliepė.",
            "Gavau šabloninį atsakymą, kuris visai nesusijęs su mano klausimu.",
            "Į mano laišką niekas neatsakė dvi savaites.",
            "Eilė skyriuje ilgesnė nei valanda, o dirba vienas langelis.",
            "Jums esu tik sutarties numeris, o ne žmogus.",
            "Operatorius skaitė iš lapo ir neklausė, ką sakau.",
            "Mano žinutes pokalbių lange ignoravo {minutes} minučių.",
            "Automatinis meniu vedžiojo mane ratu, iki gyvo žmogaus taip ir "
            "neprisiskambinau.",
            "Atsakymas nukopijuotas, jame net paliktas kito kliento vardas.",
            "Esu jūsų klientas dešimt metų, o gavau tokį patį standartinį laišką kaip "
            "visi.",
            "Buvau 27-as eilėje, o po {minutes} minučių skambutis nutrūko.",
            "Darbuotojams visiškai nerūpėjo, kas man nutiko.",
            "Į skundą atsakė formaliu „ačiū už jūsų atsiliepimą“.",
            "Mano komentarą jūsų puslapyje tiesiog ignoravo.",
            "Amžinybę laukiau ant linijos klausydamas tos pačios melodijos.",
            "Darbuotojas net nepakėlė akių nuo ekrano, tik paklausė sutarties numerio.",
        ],
        "praise": [
            "Oho! Konsultantas viską išsprendė per penkias minutes ir dar padovanojo "
            "nemokamą mėnesį.",
            "Ruošiausi ilgai kovai, o pinigus grąžino jau kitą rytą.",
            "Meistras atvyko anksčiau ir, nors neprašiau, tvarkingai sudėliojo visus "
            "laidus.",
            "Puikus aptarnavimas: konsultantė pati pasiūlė man pigesnį planą.",
            "Tikrai nustebau, man patys perskambino pasitikrinti, ar viskas veikia.",
            "Geriausias aptarnavimas per kelerius metus, ačiū Rasai!",
            "Labai mandagiai ir greitai, padarė kur kas daugiau, nei prašiau.",
            "Pokalbių konsultantas kantriai viską paaiškino ir atsiuntė santrauką "
            "el. paštu. Puiku.",
            "Nesitikėjau tokio rūpesčio, jie net prisiminė mano ankstesnę problemą.",
            "Mergina skyriuje buvo labai maloni ir padėjo mano senyvai mamai "
            "nusistatyti telefoną.",
            "Nuostabu: išsprendė iš pirmo skambučio ir dar davė dovanėlę už "
            "nepatogumus.",
            "Maloniai nustebino: pristatė tą pačią dieną su ranka rašytu atviruku.",
            "Komanda tiesiog super, pranoko visus lūkesčius!",
            "Atėjau su vienu klausimu, o išėjau su trimis išspręstomis problemomis. "
            "Šaunu.",
            "Greitai, mandagiai ir su tikru rūpesčiu. Daugiau, nei tikėjausi.",
            "Ačiū už gimtadienio nuolaidą, labai maloni staigmena!",
        ],
        "neutral": [
            "Kaip pakeisti el. pašto adresą savitarnoje?",
            "Prašau atsiųsti kovo mėnesio sąskaitos kopiją.",
            "Kokios skyriaus darbo valandos šeštadienį?",
            "Ar galima sutartį perkelti į naują adresą?",
            "Ar yra planas su daugiau mobiliųjų duomenų?",
            "Kitą mėnesį kraustausi, ką man reikia padaryti?",
            "Ar galiu mokėti banko pavedimu, o ne kortele?",
            "Viskas atlikta, kaip sutarta, ačiū.",
            "Į klausimą atsakė, daugiau pastabų neturiu.",
            "Prašau atnaujinti mano telefono numerį: {phone}.",
            "Kur rasti savo sutarties numerį?",
            "Konsultacija praėjo normaliai, kaip ir tikėjausi.",
            "Noriu antro televizijos priedėlio, kiek tai kainuoja?",
            "Normaliai.",
            "Mano el. paštas {email}, dokumentus siųskite ten.",
            "Kaip įsijungti automatinį mokėjimą?",
        ],
        APP_THEME: [
            "Po paskutinio atnaujinimo programėlė nuolat mane atjungia.",
            "Nauja programėlė užlūžta vos bandant prisijungti.",
            "Atnaujinus programėlę, kiekvieną kartą ją atidarius tenka vėl vesti "
            "slaptažodį.",
            "Jūsų nauja programėlė išmeta mane vidury sąskaitos apmokėjimo.",
            "Programėlė pati užsidaro iškart po prisijungimo lango.",
            "Po atnaujinimo nebeveikia prisijungimas piršto atspaudu, o programėlė "
            "nuolat atjungia.",
            "Nauja programėlės versija pakimba prisijungimo puslapyje.",
            "Vos persijungiu į kitą programėlę ir grįžtu, vėl esu atjungtas.",
            "Atnaujinta programėlė vis rašo „sesija baigėsi“.",
            "Nuo naujos versijos negaliu likti prisijungęs programėlėje.",
            "Nuo praėjusios savaitės programėlė mano „Android“ telefone lūžta vos "
            "paleidus.",
            "Programėlė išmeta kaskart, kai noriu pasitikrinti likutį.",
        ],
    },
    "lv": {
        "rudeness": [
            "Konsultante pagrieza acis un lika man pašam izlasīt līgumu.",
            "Darbinieks pie letes atklāti ņirgājās un smējās par manu jautājumu.",
            "Pa telefonu uz mani kliedza, it kā es būtu pie visa vainīgs.",
            "Operators nometa klausuli man pa vidu teikumam.",
            "Man pateica, ka tādiem kā es vispār nevajadzētu lietot internetu.",
            "Tā vietā, lai atbildētu, viņš sāka komentēt manu akcentu.",
            "Operatore skaļi nopūtās un jautāja: “Nu, ko vēl?”",
            "Ar mani runāja ar neslēptu nicinājumu, it kā es tērētu viņu laiku.",
            "Darbiniece lika man beigt īdēt un iet mājās.",
            "Kad pajautāju viņa vārdu, viņš iesmējās un atteicās to nosaukt.",
            "Sieviete pie lodziņa bija ļoti rupja un pacēla balsi.",
            "Viņš trīs reizes mani pārtrauca un nosauca manu jautājumu par muļķīgu.",
            "Čatā man atbildēja ar ņirdzīgu smaidiņu un “tieciet galā paši”.",
            "Jau no pirmās minūtes ar mani runāja augstprātīgi un no augšas.",
            "Speciālists atļāvās piezīmi par manu vecumu, jutos pazemots.",
            "Kamēr es runāju, darbinieks novērsās un pļāpāja ar kolēģi.",
            "Atbilde uz manu ierakstu Facebook bija izsmejoša un aizvainojoša.",
        ],
        "broken_promise": [
            "Solīja atzvanīt stundas laikā, bet neviens tā arī nepiezvanīja.",
            "Teica, ka meistars ieradīsies otrdien, bet viņš tā arī neparādījās.",
            "Naudu solīja atmaksāt {days} dienu laikā, bet es joprojām gaidu.",
            "Menedžeris apsolīja līdz piektdienai atsūtīt labotu rēķinu, nekas nav "
            "pienācis.",
            "Mani pārliecināja, ka savienojumu atjaunos līdz vakaram, bet tā nenotika.",
            "Solītais apstiprinājums e-pastā tā arī nepienāca.",
            "Atlaidi, ko apstiprināja operators, tā arī nepiemēroja.",
            "Trīs reizes man teica “rīt piezvanīsim”, un trīs reizes neviens "
            "nepiezvanīja.",
            "Jūsu norādītais termiņš pagāja pirms nedēļas, un nekādu ziņu.",
            "Jūsu kolēģis apsolīja izbeigt līgumu, bet tas joprojām ir spēkā.",
            "Jauno rūteri, ko solīja pagājušajā nedēļā, joprojām nav piegādājuši.",
            "Teica, ka jautājumu nodos vadībai un ar mani sazināsies. Klusums.",
            "Rakstisku atbildi solīja {days} dienu laikā, tās joprojām nav.",
            "Vienojāmies pārcelt uzstādīšanu uz pirmdienu, bet tad vienkārši "
            "neatbrauca.",
            "Līguma slēgšanas brīdī solīto dāvanu tā arī neatsūtīja.",
            "Darbiniece teica, ka pārbaudīs un atrakstīs tajā pašā dienā. Pagājušas "
            "jau {days} dienas.",
        ],
        "overcharging": [
            "Rēķins ir par {amount} lielāks nekā norunātā cena.",
            "Par vienu un to pašu mēnesi jūs iekasējāt divreiz.",
            "Rēķinā parādījās slēpta “apkalpošanas maksa”, par kuru neviens neko "
            "neteica.",
            "Man iekasēja maksu par pieslēgumu, kas tika reklamēts kā bezmaksas.",
            "Ikmēneša maksa pieauga bez jebkāda brīdinājuma.",
            "Pieslēdzu plānu par 19,99, bet tagad man rēķina 27,99.",
            "Rēķinā ir {amount} par pakalpojumu, ko nekad neesmu pasūtījis.",
            "“Bezmaksas” pirmais mēnesis tika iekasēts pilnā apmērā.",
            "Man aprēķināja kavējuma naudu, lai gan samaksāju laikā.",
            "Vienu un to pašu maksājumu no kartes noņēma divas reizes.",
            "Aprēķināja viesabonēšanu, lai gan es nemaz nebiju izbraucis no valsts.",
            "Līguma laušanas maksa ir daudz lielāka, nekā rakstīts līgumā.",
            "Joprojām maksāju par TV paketi, no kuras atteicos jau martā.",
            "Cena rēķinā nesakrīt ar piedāvājumu, ko pieņēmu.",
            "Parādījās maksa par papīra rēķinu, lai gan rēķinus saņemu e-pastā.",
            "Bez jebkāda paskaidrojuma noņēmāt no mana konta papildu {amount}.",
        ],
        "unresolved": [
            "Internets joprojām pazūd katru vakaru, nekas nav salabots.",
            "Par to pašu problēmu vēršos pie jums jau ceturto reizi.",
            "Mani sūtīja no vienas nodaļas uz otru, un neviens neuzņēmās atbildību.",
            "Operators teica, ka tā “nav viņa kompetence”, un iedeva citu numuru.",
            "Meistars atbrauca, bet nākamajā dienā bojājums atkārtojās.",
            "Jūs slēdzāt manu pieteikumu, bet problēma nav atrisināta.",
            "Visi, ar kuriem runāju, liek pārstartēt rūteri, bet tas nepalīdz.",
            "Kļūdu rēķinā it kā izlaboja, bet tā joprojām tur ir.",
            "Visu izskaidroju klientu centrā, bet pēc tam pa telefonu nācās skaidrot "
            "no jauna.",
            "Neviens nespēja paskaidrot, kāpēc mans konts ir bloķēts.",
            "Tehniskais atbalsts aizsūtīja uz grāmatvedību, bet grāmatvedība atpakaļ "
            "uz tehnisko atbalstu.",
            "Bojājumu nenovērsa ne pirmajā, ne otrajā reizē.",
            "Pa telefonu lika iet uz klientu centru, bet klientu centrā lika zvanīt "
            "uz informatīvo tālruni.",
            "Pēc diviem meistara apmeklējumiem televizoram joprojām nav signāla.",
            "Konsultants nezināja, kā palīdzēt, un vienkārši noplātīja rokas.",
            "Problēma velkas jau mēnesi, un risinājuma nav.",
        ],
        "treated_as_number": [
            "Gaidīju uz līnijas {minutes} minūtes, līdz kāds atbildēja.",
            "Saņēmu šablona atbildi, kurai nav nekāda sakara ar manu jautājumu.",
            "Uz manu e-pastu neviens neatbildēja divas nedēļas.",
            "Rinda klientu centrā ir garāka par stundu, un strādā tikai viens lodziņš.",
            "Jums es esmu tikai līguma numurs, nevis cilvēks.",
            "Operators lasīja no skripta un neklausījās, ko es saku.",
            "Manas ziņas čatā ignorēja {minutes} minūtes.",
            "Automātiskā izvēlne mani vadāja pa apli, līdz dzīvam cilvēkam tā arī "
            "netiku.",
            "Atbilde bija nokopēta, tajā pat palika cita klienta vārds.",
            "Esmu jūsu klients desmit gadus, bet saņēmu tādu pašu standarta vēstuli "
            "kā visi.",
            "Biju 27. rindā, un pēc {minutes} minūtēm zvans pārtrūka.",
            "Darbiniekiem bija pilnīgi vienalga, kas ar mani noticis.",
            "Uz sūdzību atbildēja ar formālu “paldies par jūsu atsauksmi”.",
            "Manu komentāru jūsu lapā vienkārši ignorēja.",
            "Mūžību gaidīju uz līnijas, klausoties vienu un to pašu melodiju.",
            "Darbinieks pat nepacēla acis no ekrāna, tikai paprasīja līguma numuru.",
        ],
        "praise": [
            "Oho! Konsultants visu atrisināja piecās minūtēs un vēl uzdāvināja "
            "bezmaksas mēnesi.",
            "Gatavojos ilgai cīņai, bet naudu atmaksāja jau nākamajā rītā.",
            "Meistars ieradās agrāk un, lai gan nelūdzu, glīti sakārtoja visus vadus.",
            "Lieliska apkalpošana: konsultante pati piedāvāja man lētāku plānu.",
            "Patiešām pārsteigts, man paši atzvanīja pārliecināties, vai viss "
            "darbojas.",
            "Labākā apkalpošana pēdējo gadu laikā, paldies Ilzei!",
            "Ļoti pieklājīgi un ātri, izdarīja daudz vairāk, nekā lūdzu.",
            "Čata konsultants pacietīgi visu izskaidroja un atsūtīja kopsavilkumu "
            "e-pastā. Lieliski.",
            "Negaidīju tādu rūpību, viņi pat atcerējās manu iepriekšējo problēmu.",
            "Meitene klientu centrā bija ļoti jauka un palīdzēja manai vecajai "
            "mammai iestatīt telefonu.",
            "Fantastiski: atrisināja ar pirmo zvanu un vēl iedeva nelielu dāvanu par "
            "neērtībām.",
            "Patīkami pārsteigts: piegādāja tajā pašā dienā un pielika ar roku "
            "rakstītu kartīti.",
            "Komanda vienkārši super, pārspēja visas cerības!",
            "Atnācu ar vienu jautājumu, bet aizgāju ar trim atrisinātām problēmām. "
            "Forši.",
            "Ātri, pieklājīgi un ar patiesu rūpību. Vairāk, nekā gaidīju.",
            "Paldies par dzimšanas dienas atlaidi, ļoti jauks pārsteigums!",
        ],
        "neutral": [
            "Kā nomainīt e-pasta adresi pašapkalpošanās portālā?",
            "Lūdzu, atsūtiet marta rēķina kopiju.",
            "Kāds ir klientu centra darba laiks sestdienā?",
            "Vai līgumu var pārcelt uz jaunu adresi?",
            "Vai ir plāns ar lielāku mobilo datu apjomu?",
            "Nākamajā mēnesī pārceļos, kas man jādara?",
            "Vai varu maksāt ar bankas pārskaitījumu, nevis ar karti?",
            "Viss izdarīts, kā norunāts, paldies.",
            "Uz jautājumu atbildēja, citu piezīmju nav.",
            "Lūdzu, atjaunojiet manu tālruņa numuru: {phone}.",
            "Kur atrast mana līguma numuru?",
            "Konsultācija bija normāla, kā jau gaidīju.",
            "Gribu otru TV priedēkli, cik tas maksā?",
            "Normāli.",
            "Mans e-pasts ir {email}, dokumentus sūtiet tur.",
            "Kā ieslēgt automātisko maksājumu?",
        ],
        APP_THEME: [
            "Kopš pēdējā atjauninājuma lietotne mani visu laiku izmet ārā no konta.",
            "Jaunā lietotne avarē, tiklīdz mēģinu pieslēgties.",
            "Pēc lietotnes atjaunināšanas parole jāievada katru reizi, kad to atveru.",
            "Jūsu jaunā lietotne izmet mani ārā pašā rēķina apmaksas vidū.",
            "Lietotne pati aizveras uzreiz pēc pieslēgšanās ekrāna.",
            "Pēc atjauninājuma vairs nestrādā pieslēgšanās ar pirksta nospiedumu, un "
            "lietotne visu laiku mani atslēdz.",
            "Jaunā lietotnes versija sastingst pieslēgšanās lapā.",
            "Tiklīdz pārslēdzos uz citu lietotni un atgriežos, esmu atkal atslēgts "
            "no konta.",
            "Atjauninātā lietotne visu laiku raksta “sesija beigusies”.",
            "Kopš jaunās versijas nevaru palikt pieslēdzies lietotnē.",
            "Kopš pagājušās nedēļas lietotne manā Android telefonā avarē uzreiz pēc "
            "palaišanas.",
            "Lietotne izmet mani ārā katru reizi, kad gribu pārbaudīt atlikumu.",
        ],
    },
    "et": {
        "rudeness": [
            "Konsultant pööritas silmi ja käskis mul ise lepingut lugeda.",
            "Leti taga olnud töötaja irvitas avalikult ja naeris mu küsimuse üle.",
            "Telefonis karjuti mu peale, nagu oleksin ise kõiges süüdi.",
            "Operaator pani mul lause keskel toru ära.",
            "Mulle öeldi, et minusugused ei peaks üldse internetti kasutama.",
            "Selle asemel, et vastata, hakkas ta mu aktsenti kommenteerima.",
            "Operaator ohkas valjult ja küsis: „No mis veel?“",
            "Minuga räägiti varjamatu põlgusega, nagu raiskaksin nende aega.",
            "Töötaja käskis mul virisemise lõpetada ja koju minna.",
            "Kui küsisin tema nime, ta naeris ja keeldus seda ütlemast.",
            "Naine leti taga oli väga ebaviisakas ja tõstis häält.",
            "Ta katkestas mind kolm korda ja nimetas mu küsimust rumalaks.",
            "Vestlusaknas vastati mulle pilkava emotikoniga ja „saage ise hakkama“.",
            "Esimesest minutist peale räägiti minuga ülbelt ja ülevalt alla.",
            "Spetsialist lubas endale märkuse minu vanuse kohta, tundsin end "
            "alandatuna.",
            "Kui ma rääkisin, pööras töötaja selja ja lobises kolleegiga.",
            "Vastus minu postitusele Facebookis oli pilkav ja solvav.",
        ],
        "broken_promise": [
            "Lubati tunni aja jooksul tagasi helistada, aga keegi ei helistanud.",
            "Öeldi, et tehnik tuleb teisipäeval, aga ta ei ilmunud kohale.",
            "Raha tagastamist lubati {days} päeva jooksul, ma ootan siiani.",
            "Haldur lubas reedeks parandatud arve saata, midagi pole tulnud.",
            "Mulle kinnitati, et ühendus taastatakse õhtuks, aga seda ei juhtunud.",
            "Lubatud kinnitust e-postiga ei tulnudki.",
            "Allahindlust, mille operaator kinnitas, ei rakendatudki.",
            "Kolm korda öeldi mulle „homme helistame“ ja kolm korda ei helistanud "
            "keegi.",
            "Teie antud tähtaeg möödus nädal tagasi ja mitte ühtegi sõna.",
            "Teie kolleeg lubas lepingu lõpetada, aga see kehtib endiselt.",
            "Uut ruuterit, mida lubati eelmiseks nädalaks, pole siiani toodud.",
            "Öeldi, et küsimus antakse juhtkonnale edasi ja minuga võetakse "
            "ühendust. Vaikus.",
            "Kirjalikku vastust lubati {days} päeva jooksul, seda pole siiani.",
            "Leppisime kokku, et paigaldus lükatakse esmaspäevale, ja siis lihtsalt "
            "ei tuldud.",
            "Lepingu sõlmimisel lubatud kingitust ei saadetudki.",
            "Töötaja ütles, et kontrollib ja kirjutab samal päeval tagasi. Sellest on "
            "möödas juba {days} päeva.",
        ],
        "overcharging": [
            "Arve on {amount} suurem kui kokkulepitud hind.",
            "Võtsite sama kuu eest kaks korda raha.",
            "Arvele ilmus varjatud „teenustasu“, millest keegi ei rääkinud.",
            "Mult võeti tasu ühenduse eest, mida reklaamiti tasuta.",
            "Kuutasu tõusis ilma igasuguse etteteatamiseta.",
            "Võtsin paketi hinnaga 19,99, aga nüüd esitatakse mulle arve 27,99 eest.",
            "Arvel on {amount} teenuse eest, mida ma pole kunagi tellinud.",
            "„Tasuta“ esimene kuu esitati arvele täishinnaga.",
            "Mulle arvestati viivist, kuigi maksin õigeks ajaks.",
            "Sama makse võeti kaardilt kaks korda.",
            "Arvestati rändlustasu, kuigi ma ei lahkunud üldse riigist.",
            "Lepingu lõpetamise tasu on palju suurem, kui lepingus kirjas.",
            "Maksan endiselt telepaketi eest, millest loobusin juba märtsis.",
            "Hind arvel ei vasta pakkumisele, mille vastu võtsin.",
            "Tekkis paberarve tasu, kuigi saan arved e-postiga.",
            "Võtsite mu kontolt ilma selgituseta lisaks {amount}.",
        ],
        "unresolved": [
            "Internet kaob endiselt igal õhtul, midagi pole parandatud.",
            "Pöördun sama probleemiga teie poole juba neljandat korda.",
            "Mind saadeti ühest osakonnast teise ja keegi ei võtnud vastutust.",
            "Operaator ütles, et see „ei ole tema pädevuses“, ja andis teise numbri.",
            "Tehnik käis, aga järgmisel päeval tuli rike tagasi.",
            "Sulgesite mu pöördumise, kuid probleem pole lahendatud.",
            "Kõik, kellega räägin, käsivad ruuteri taaskäivitada, aga see ei aita.",
            "Viga arvel väidetavalt parandati, kuid see on endiselt seal.",
            "Selgitasin kõik esinduses ära, siis pidin telefonis kõike uuesti "
            "seletama.",
            "Keegi ei osanud öelda, miks mu konto on blokeeritud.",
            "Tehniline tugi saatis mind raamatupidamisse ja raamatupidamine tagasi "
            "tehnilisse toesse.",
            "Riket ei kõrvaldatud ei esimesel ega teisel korral.",
            "Telefonis käsiti minna esindusse, esinduses käsiti helistada infoliinile.",
            "Pärast tehniku kahte külastust pole teleris ikka signaali.",
            "Konsultant ei teadnud, kuidas aidata, ja lihtsalt kehitas õlgu.",
            "Probleem venib juba kuu aega ja lahendust pole.",
        ],
        "treated_as_number": [
            "Ootasin liinil {minutes} minutit, enne kui keegi vastas.",
            "Sain šabloonvastuse, millel pole minu küsimusega mingit pistmist.",
            "Minu e-kirjale ei vastanud keegi kaks nädalat.",
            "Järjekord esinduses oli üle tunni pikk ja tööl oli ainult üks teenindaja.",
            "Teie jaoks olen ma lihtsalt lepingu number, mitte inimene.",
            "Operaator luges skripti maha ega kuulanud, mida ma ütlen.",
            "Minu sõnumeid vestlusaknas ignoreeriti {minutes} minutit.",
            "Automaatne menüü saatis mind ringiratast ja elava inimeseni ma ei "
            "jõudnudki.",
            "Vastus oli kopeeritud, sinna oli jäänud isegi teise kliendi nimi.",
            "Olen olnud teie klient kümme aastat, aga sain samasuguse standardkirja "
            "nagu kõik teised.",
            "Olin järjekorras 27. ja {minutes} minuti pärast kõne katkes.",
            "Töötajatel oli täiesti ükskõik, mis minuga juhtus.",
            "Kaebusele vastati formaalse „täname tagasiside eest“.",
            "Minu kommentaari teie lehel lihtsalt ignoreeriti.",
            "Ootasin liinil terve igaviku sama meloodiat kuulates.",
            "Töötaja ei tõstnud isegi pilku ekraanilt, küsis ainult lepingu numbrit.",
        ],
        "praise": [
            "Vau! Konsultant lahendas kõik viie minutiga ja kinkis veel tasuta kuu.",
            "Valmistusin pikaks võitluseks, aga raha tagastati juba järgmisel "
            "hommikul.",
            "Tehnik tuli varem ja, kuigi ma ei palunud, sättis kõik juhtmed "
            "korralikult paika.",
            "Suurepärane teenindus: konsultant pakkus ise mulle soodsamat paketti.",
            "Olin tõeliselt üllatunud, mulle helistati ise tagasi, et kontrollida, "
            "kas kõik töötab.",
            "Parim teenindus viimaste aastate jooksul, aitäh Kadrile!",
            "Väga viisakas ja kiire, tehti palju rohkem, kui palusin.",
            "Vestlusakna konsultant selgitas kannatlikult kõike ja saatis kokkuvõtte "
            "e-postiga. Super.",
            "Ei oodanud sellist hoolivust, nad mäletasid isegi minu eelmist probleemi.",
            "Neiu esinduses oli väga armas ja aitas mu eakal emal telefoni seadistada.",
            "Fantastiline: lahendati esimese kõnega ja ebamugavuste eest anti veel "
            "väike kingitus.",
            "Meeldivalt üllatunud: toodi samal päeval koos käsitsi kirjutatud "
            "tänukaardiga.",
            "Meeskond on lihtsalt super, ületasid kõik ootused!",
            "Tulin ühe küsimusega, lahkusin kolme lahendatud murega. Lahe.",
            "Kiiresti, viisakalt ja siiralt hoolivalt. Rohkem, kui ootasin.",
            "Aitäh sünnipäevasoodustuse eest, väga tore üllatus!",
        ],
        "neutral": [
            "Kuidas muuta iseteeninduses e-posti aadressi?",
            "Palun saatke mulle märtsi arve koopia.",
            "Millised on esinduse lahtiolekuajad laupäeval?",
            "Kas lepingu saab uuele aadressile üle viia?",
            "Kas on olemas suurema mobiilse andmemahuga pakett?",
            "Kolin järgmisel kuul, mida ma peaksin tegema?",
            "Kas saan maksta pangaülekandega, mitte kaardiga?",
            "Kõik tehti nii, nagu kokku lepitud, aitäh.",
            "Küsimusele vastati, muid märkusi pole.",
            "Palun uuendage minu telefoninumbrit: {phone}.",
            "Kust leian oma lepingu numbri?",
            "Konsultatsioon oli normaalne, nagu ootasin.",
            "Soovin teist teleriboksi, kui palju see maksab?",
            "Normaalne.",
            "Minu e-post on {email}, saatke dokumendid sinna.",
            "Kuidas e-arve püsimakset sisse lülitada?",
        ],
        APP_THEME: [
            "Pärast viimast uuendust logib rakendus mind pidevalt välja.",
            "Uus rakendus jookseb sisselogimisel kokku.",
            "Pärast rakenduse uuendamist pean iga kord avades parooli uuesti "
            "sisestama.",
            "Teie uus rakendus viskab mu välja keset arve maksmist.",
            "Rakendus sulgub ise kohe pärast sisselogimisekraani.",
            "Pärast uuendust ei tööta sõrmejäljega sisselogimine ja rakendus logib "
            "mind kogu aeg välja.",
            "Rakenduse uus versioon hangub sisselogimislehel.",
            "Niipea kui lähen teise rakendusse ja tulen tagasi, olen jälle välja "
            "logitud.",
            "Uuendatud rakendus kirjutab kogu aeg „seanss on aegunud“.",
            "Uue versiooni tulekust saati ei püsi ma rakenduses sisse logituna.",
            "Eelmise nädala uuendusest saati jookseb rakendus mu Android-telefonis "
            "käivitamisel kokku.",
            "Rakendus viskab mind välja iga kord, kui tahan saldot vaadata.",
        ],
    },
}

# Openers and closers per language and kind of comment ("complaint" covers the five
# causes and the app theme).  An empty string means "no opener".
OPENERS: dict[str, dict[str, list[str]]] = {
    "en": {
        "complaint": [
            "Hello,",
            "Hi,",
            "Good afternoon,",
            "Dear customer service,",
            "Unbelievable.",
            "Seriously?",
            "I have to complain.",
            "Not happy at all.",
        ],
        "praise": ["Hi!", "Just wanted to say:", "Hello,", "A big thank you."],
        "neutral": ["Hello,", "Good morning,", "Hi,"],
    },
    "ru": {
        "complaint": [
            "Здравствуйте.",
            "Добрый день!",
            "Это просто безобразие.",
            "Хочу пожаловаться.",
            "Уважаемая служба поддержки,",
            "Серьёзно?",
            "Я очень недоволен.",
        ],
        "praise": ["Добрый день!", "Хочу сказать спасибо.", "Здравствуйте!"],
        "neutral": ["Здравствуйте,", "Добрый день.", "Добрый вечер,"],
    },
    "lt": {
        "complaint": [
            "Laba diena,",
            "Sveiki,",
            "Tiesiog nepatikėtina.",
            "Noriu pasiskųsti.",
            "Gerbiamieji,",
            "Rimtai?",
            "Esu labai nepatenkintas.",
        ],
        "praise": ["Laba diena!", "Noriu padėkoti.", "Sveiki!"],
        "neutral": ["Laba diena,", "Sveiki,", "Labas vakaras,"],
    },
    "lv": {
        "complaint": [
            "Labdien,",
            "Sveiki,",
            "Vienkārši neticami.",
            "Gribu sūdzēties.",
            "Cienījamie,",
            "Nopietni?",
            "Esmu ļoti neapmierināts.",
        ],
        "praise": ["Labdien!", "Gribu pateikt paldies.", "Sveiki!"],
        "neutral": ["Labdien,", "Sveiki,", "Labvakar,"],
    },
    "et": {
        "complaint": [
            "Tere,",
            "Tere päevast!",
            "Lihtsalt uskumatu.",
            "Soovin kaevata.",
            "Lugupeetud klienditeenindus,",
            "Tõsiselt?",
            "Olen väga rahulolematu.",
        ],
        "praise": ["Tere!", "Tahan tänada.", "Tere päevast!"],
        "neutral": ["Tere,", "Tere päevast.", "Head õhtut,"],
    },
}

CLOSERS: dict[str, dict[str, list[str]]] = {
    "en": {
        "complaint": [
            "Very disappointed.",
            "Please sort this out.",
            "I expect an answer.",
            "Thinking of changing provider.",
            "This is unacceptable!",
            "Call me at {phone}.",
            "Not impressed.",
            "Reply to {email}.",
        ],
        "praise": ["Thank you!", "Keep it up!", "10/10.", "Will recommend you."],
        "neutral": ["Thanks.", "Thank you in advance.", "Regards"],
        "rudeness": ["Your staff need to learn manners.", "I want an apology."],
        "broken_promise": [
            "Stop promising what you cannot deliver.",
            "Keep your word next time.",
        ],
        "overcharging": ["Please refund the difference.", "I want my money back."],
        "unresolved": ["I just want it to work.", "Please finally fix it."],
        "treated_as_number": [
            "Treat people like people.",
            "Is anyone even reading this?",
        ],
    },
    "ru": {
        "complaint": [
            "Очень разочарован.",
            "Разберитесь, пожалуйста.",
            "Жду ответа.",
            "Думаю сменить оператора.",
            "Это недопустимо!",
            "Перезвоните мне: {phone}.",
            "Ужас.",
            "Ответ пришлите на {email}.",
        ],
        "praise": ["Спасибо!", "Так держать!", "10 из 10.", "Буду рекомендовать."],
        "neutral": ["Спасибо.", "Заранее спасибо.", "С уважением"],
        "rudeness": ["Научите сотрудников вежливости.", "Жду извинений."],
        "broken_promise": [
            "Не обещайте того, что не можете выполнить.",
            "Держите своё слово.",
        ],
        "overcharging": ["Верните разницу.", "Требую вернуть деньги."],
        "unresolved": [
            "Я просто хочу, чтобы всё работало.",
            "Решите наконец проблему.",
        ],
        "treated_as_number": [
            "Относитесь к людям по-человечески.",
            "Это вообще кто-нибудь читает?",
        ],
    },
    "lt": {
        "complaint": [
            "Labai nusivyliau.",
            "Prašau išsiaiškinti.",
            "Laukiu atsakymo.",
            "Galvoju keisti operatorių.",
            "Tai nepriimtina!",
            "Paskambinkite man: {phone}.",
            "Siaubas.",
            "Atsakymą siųskite {email}.",
        ],
        "praise": ["Ačiū!", "Taip ir toliau!", "10 iš 10.", "Rekomenduosiu draugams."],
        "neutral": ["Ačiū.", "Iš anksto dėkoju.", "Pagarbiai"],
        "rudeness": ["Išmokykite darbuotojus mandagumo.", "Laukiu atsiprašymo."],
        "broken_promise": [
            "Nežadėkite to, ko negalite įvykdyti.",
            "Laikykitės savo žodžio.",
        ],
        "overcharging": ["Grąžinkite skirtumą.", "Reikalauju grąžinti pinigus."],
        "unresolved": [
            "Tiesiog noriu, kad viskas veiktų.",
            "Pagaliau sutvarkykite.",
        ],
        "treated_as_number": [
            "Elkitės su žmonėmis kaip su žmonėmis.",
            "Ar kas nors tai apskritai skaito?",
        ],
    },
    "lv": {
        "complaint": [
            "Esmu ļoti vīlies.",
            "Lūdzu, tieciet skaidrībā.",
            "Gaidu atbildi.",
            "Domāju mainīt operatoru.",
            "Tas nav pieņemami!",
            "Piezvaniet man: {phone}.",
            "Šausmas.",
            "Atbildi sūtiet uz {email}.",
        ],
        "praise": ["Paldies!", "Tā turpināt!", "10 no 10.", "Ieteikšu draugiem."],
        "neutral": ["Paldies.", "Jau iepriekš paldies.", "Ar cieņu"],
        "rudeness": ["Iemāciet darbiniekiem pieklājību.", "Gaidu atvainošanos."],
        "broken_promise": [
            "Nesoliet to, ko nevarat izpildīt.",
            "Turiet savu vārdu.",
        ],
        "overcharging": ["Atmaksājiet starpību.", "Pieprasu atdot naudu."],
        "unresolved": [
            "Es vienkārši gribu, lai viss strādā.",
            "Beidzot sakārtojiet to.",
        ],
        "treated_as_number": [
            "Izturieties pret cilvēkiem kā pret cilvēkiem.",
            "Vai to vispār kāds lasa?",
        ],
    },
    "et": {
        "complaint": [
            "Olen väga pettunud.",
            "Palun uurige asi välja.",
            "Ootan vastust.",
            "Mõtlen teenusepakkujat vahetada.",
            "See on vastuvõetamatu!",
            "Helistage mulle: {phone}.",
            "Õudne.",
            "Vastake aadressile {email}.",
        ],
        "praise": ["Aitäh!", "Jätkake samas vaimus!", "10 punkti 10-st.", "Soovitan."],
        "neutral": ["Aitäh.", "Ette tänades.", "Lugupidamisega"],
        "rudeness": ["Õpetage oma töötajatele viisakust.", "Ootan vabandust."],
        "broken_promise": [
            "Ärge lubage seda, mida te ei suuda täita.",
            "Pidage oma sõna.",
        ],
        "overcharging": ["Tagastage vahe.", "Nõuan raha tagasi."],
        "unresolved": [
            "Tahan lihtsalt, et kõik töötaks.",
            "Tehke see lõpuks korda.",
        ],
        "treated_as_number": [
            "Kohelge inimesi nagu inimesi.",
            "Kas keegi üldse loeb seda?",
        ],
    },
}

# Linking phrase before a second cause in two-cause comments.
SECOND_CAUSE_LINK = {
    "en": "And another thing:",
    "ru": "И ещё:",
    "lt": "Ir dar:",
    "lv": "Un vēl:",
    "et": "Ja veel:",
}

FIRST_NAMES = {
    "en": ["john", "emma", "mark", "sarah", "peter"],
    "ru": ["ivan", "olga", "sergey", "natalia", "dmitri"],
    "lt": ["tomas", "ruta", "mantas", "egle", "jonas"],
    "lv": ["janis", "ilze", "andris", "liga", "martins"],
    "et": ["mart", "kadri", "toomas", "liis", "andres"],
}
MAIL_DOMAINS = ["gmail.com", "inbox.lv", "mail.ee", "post.lt", "yahoo.com"]
PHONE_PREFIX = {"lt": "+370 6", "lv": "+371 2", "et": "+372 5"}

# ---------------------------------------------------------------------------
# Organisation: teams, their channels and the languages their customers write in.
# ---------------------------------------------------------------------------

TEAMS: dict[str, dict[str, object]] = {
    "Vilnius Office": {
        "weight": 0.14,
        "channels": {"office": 0.70, "phone": 0.15, "e-mail": 0.15},
        "languages": {"lt": 0.68, "ru": 0.14, "en": 0.14, "lv": 0.02, "et": 0.02},
    },
    "Kaunas Office": {
        "weight": 0.10,
        "channels": {"office": 0.75, "phone": 0.15, "e-mail": 0.10},
        "languages": {"lt": 0.80, "ru": 0.08, "en": 0.10, "lv": 0.01, "et": 0.01},
    },
    "Riga Contact Centre": {
        "weight": 0.16,
        "channels": {"phone": 0.75, "e-mail": 0.20, "office": 0.05},
        "languages": {"lv": 0.66, "ru": 0.20, "en": 0.12, "lt": 0.01, "et": 0.01},
    },
    "Tallinn Support": {
        "weight": 0.15,
        "channels": {"phone": 0.55, "e-mail": 0.25, "chat": 0.15, "office": 0.05},
        "languages": {"et": 0.66, "ru": 0.20, "en": 0.12, "lt": 0.01, "lv": 0.01},
    },
    "Online Chat": {
        "weight": 0.12,
        "channels": {"chat": 1.0},
        "languages": {"lt": 0.20, "lv": 0.20, "et": 0.20, "ru": 0.12, "en": 0.28},
    },
    "Billing": {
        "weight": 0.12,
        "channels": {"e-mail": 0.55, "phone": 0.45},
        "languages": {"lt": 0.22, "lv": 0.20, "et": 0.20, "ru": 0.13, "en": 0.25},
    },
    "Technical Support": {
        "weight": 0.13,
        "channels": {"phone": 0.55, "e-mail": 0.25, "chat": 0.20},
        "languages": {"lt": 0.22, "lv": 0.20, "et": 0.20, "ru": 0.13, "en": 0.25},
    },
    "Social Media Care": {
        "weight": 0.08,
        "channels": {"social": 1.0},
        "languages": {"lt": 0.18, "lv": 0.18, "et": 0.18, "ru": 0.10, "en": 0.36},
    },
}

# Share of rows per kind before the planted patterns are applied (sums to 1).
BASE_MIX = {
    "praise": 0.20,
    "neutral": 0.10,
    "rudeness": 0.08,
    "broken_promise": 0.15,
    "overcharging": 0.08,
    "unresolved": 0.26,
    "treated_as_number": 0.13,
}

# Volume seasonality (month -> factor) and weekday factors (Mon..Sun).
SEASON = {
    1: 1.25,
    2: 1.10,
    3: 1.00,
    4: 0.95,
    5: 0.90,
    6: 0.85,
    7: 0.72,
    8: 0.78,
    9: 1.05,
    10: 1.05,
    11: 1.10,
    12: 1.22,
}
WEEKDAY = (1.25, 1.10, 1.10, 1.05, 1.00, 0.55, 0.40)
DAILY_BASE = 16.8  # rows per average weekday before factors: about 6,600 rows in all

CHANNEL_HOURS = {
    "office": (9, 18),
    "phone": (8, 20),
    "e-mail": (0, 24),
    "chat": (7, 23),
    "social": (6, 24),
}

CSAT_BY_KIND = {
    "complaint": {"1": 0.50, "2": 0.34, "3": 0.12, "4": 0.04},
    "praise": {"5": 0.72, "4": 0.25, "3": 0.03},
    "neutral": {"2": 0.08, "3": 0.40, "4": 0.36, "5": 0.16},
}
CSAT_BLANK = 0.09

FOLD = str.maketrans(
    "ąčęėįšųūžĄČĘĖĮŠŲŪŽāēīķļņģĀĒĪĶĻŅĢõäöüÕÄÖÜ",
    "aceeisuuzACEEISUUZaeiklngAEIKLNGoaouOAOU",
)


@dataclass(frozen=True)
class Row:
    """One generated feedback row with its hidden labels."""

    created: datetime
    channel: str
    team: str
    language: str
    kinds: tuple[str, ...]
    csat: str
    comment: str

    @property
    def cause(self) -> str:
        return self.kinds[0] if self.kinds[0] in CAUSES else "none"

    @property
    def causes(self) -> str:
        return ";".join(k for k in self.kinds if k in CAUSES)

    @property
    def theme(self) -> str:
        return APP_THEME if self.kinds[0] == APP_THEME else ""

    @property
    def ladder(self) -> int:
        if self.kinds[0] == "praise":
            return 1
        if self.kinds[0] == "neutral":
            return 0
        return -1


# ---------------------------------------------------------------------------
# Simulation
# ---------------------------------------------------------------------------


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    """Draw one key from a weight mapping (insertion order keeps it deterministic)."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _poisson(rng: random.Random, lam: float) -> int:
    """Knuth's Poisson draw (lam is small here)."""
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def app_share(day: date, team: str) -> float:
    """Share of a team's rows about the new app's logouts on a given day."""
    if day < APP_RELEASE:
        return 0.0
    span = (END - APP_RELEASE).days
    level = 0.03 + 0.15 * (day - APP_RELEASE).days / span
    factor = {
        "Technical Support": 1.8,
        "Online Chat": 1.5,
        "Social Media Care": 1.6,
        "Vilnius Office": 0.4,
        "Kaunas Office": 0.4,
    }.get(team, 1.0)
    return level * factor


def kind_mix(day: date, team: str, channel: str) -> dict[str, float]:
    """Probability of each kind of comment for one row (the planted patterns)."""
    fixed: dict[str, float] = {}
    if team == "Billing":
        fixed["overcharging"] = 0.30 if day >= PRICE_CHANGE else 0.05
    if team == "Kaunas Office":
        fixed["rudeness"] = 0.24
    if channel == "phone" and day.month in WINTER_MONTHS:
        fixed["treated_as_number"] = 0.30
    share = app_share(day, team)
    if share:
        fixed[APP_THEME] = share / (1 + share)
    rest = 1.0 - sum(fixed.values())
    free = {k: v for k, v in BASE_MIX.items() if k not in fixed}
    total = sum(free.values())
    mix = {k: v * rest / total for k, v in free.items()}
    mix.update(fixed)
    return {k: mix[k] for k in KINDS if k in mix}


def _amount(rng: random.Random, language: str) -> str:
    value = rng.choice([4.9, 7.5, 9.99, 12.4, 15.0, 18.6, 23.5, 29.99, 35.0, 48.2])
    if language == "en":
        return f"€{value:.2f}"
    return f"{value:.2f}".replace(".", ",") + " €"


def _phone(rng: random.Random, language: str) -> str:
    prefix = PHONE_PREFIX.get(language) or rng.choice(list(PHONE_PREFIX.values()))
    digits = "".join(str(rng.randrange(10)) for _ in range(7))
    return f"{prefix}{digits[:2]} {digits[2:]}"


def _email(rng: random.Random, language: str) -> str:
    name = rng.choice(FIRST_NAMES[language])
    return f"{name}.{rng.randrange(10, 99)}@{rng.choice(MAIL_DOMAINS)}"


def _fill(rng: random.Random, text: str, language: str) -> str:
    """Replace the placeholders with grammatical values."""
    values = {
        "amount": _amount(rng, language),
        "minutes": str(rng.choice([20, 30, 40, 50, 60, 90])),
        "days": str(rng.choice([10, 12, 14, 15, 20])),
        "phone": _phone(rng, language),
        "email": _email(rng, language),
    }
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], text)


def _join(lead: str, body: str) -> str:
    """After a comma or colon the sentence continues in lower case."""
    if lead[-1] in ",:" and body[:2] not in ("I ", "I'") and not body[:2].isupper():
        body = body[0].lower() + body[1:]
    return f"{lead} {body}"


def _typo(rng: random.Random, text: str) -> str:
    """Introduce one keyboard slip (swap, drop or double a letter) in a long word."""
    words = list(re.finditer(r"\w{6,}", text))
    if not words:
        return text
    m = rng.choice(words)
    word, i = m.group(0), rng.randrange(1, len(m.group(0)) - 2)
    op = rng.randrange(3)
    if op == 0:
        word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    elif op == 1:
        word = word[:i] + word[i + 1 :]
    else:
        word = word[:i] + word[i] + word[i:]
    return text[: m.start()] + word + text[m.end() :]


def compose(
    rng: random.Random,
    language: str,
    kinds: tuple[str, ...],
    *,
    fold_share: float = 0.25,
    typo_share: float = 0.10,
    newline_share: float = 0.02,
) -> str:
    """Build one verbatim from the phrase banks for a language and kind(s)."""
    primary = kinds[0]
    group = primary if primary in ("praise", "neutral") else "complaint"
    bank = CORES[language]
    body = rng.choice(bank[primary])
    if len(kinds) > 1:
        body += " " + _join(SECOND_CAUSE_LINK[language], rng.choice(bank[kinds[1]]))
    if rng.random() < 0.45:
        body = _join(rng.choice(OPENERS[language][group]), body)
    if rng.random() < 0.50:
        closers = CLOSERS[language][group]
        if primary in CAUSES and rng.random() < 0.5:
            closers = CLOSERS[language][primary]
        sep = "\n" if rng.random() < newline_share else " "
        body = f"{body}{sep}{rng.choice(closers)}"
    text = _fill(rng, body, language)
    if language == "ru" and rng.random() < 0.7:
        text = text.replace("ё", "е")
    if language in ("lt", "lv", "et") and rng.random() < fold_share:
        text = text.translate(FOLD)
    if rng.random() < typo_share:
        text = _typo(rng, text)
        if rng.random() < 0.3:
            text = _typo(rng, text)
    style = rng.random()
    if style < 0.05:
        text = text.lower()
    elif style < 0.07 and group == "complaint":
        text = text.upper().rstrip(".!") + "!!!"
    elif style < 0.12:
        text = text.rstrip(".")
    return text


def _draw_kinds(rng: random.Random, mix: dict[str, float]) -> tuple[str, ...]:
    primary = _pick(rng, mix)
    if primary in CAUSES and rng.random() < 0.10:
        second = rng.choice([c for c in CAUSES if c != primary])
        return (primary, second)
    return (primary,)


def simulate(
    rng: random.Random,
    *,
    scale: float = 1.0,
    languages: tuple[str, ...] = LANGUAGES,
    teams: tuple[str, ...] = tuple(TEAMS),
    fold_share: float = 0.25,
    newline_share: float = 0.02,
) -> list[Row]:
    """Simulate feedback rows day by day over START..END (sorted by creation time)."""
    team_weights = {t: float(TEAMS[t]["weight"]) for t in teams}  # type: ignore[arg-type]
    rows: list[Row] = []
    day = START
    while day <= END:
        lam = DAILY_BASE * scale * SEASON[day.month] * WEEKDAY[day.weekday()]
        lam *= 1 + app_share(day, "Technical Support") / 2
        stamped = []
        for _ in range(_poisson(rng, lam)):
            team = _pick(rng, team_weights)
            spec = TEAMS[team]
            channel = _pick(rng, spec["channels"])  # type: ignore[arg-type]
            langs = {k: v for k, v in spec["languages"].items() if k in languages}  # type: ignore[union-attr]
            language = _pick(rng, langs)
            kinds = _draw_kinds(rng, kind_mix(day, team, channel))
            text = compose(
                rng,
                language,
                kinds,
                fold_share=fold_share,
                newline_share=newline_share,
            )
            group = kinds[0] if kinds[0] in ("praise", "neutral") else "complaint"
            csat = "" if rng.random() < CSAT_BLANK else _pick(rng, CSAT_BY_KIND[group])
            lo, hi = CHANNEL_HOURS[channel]
            seconds = rng.randrange(lo * 3600, hi * 3600)
            created = datetime(day.year, day.month, day.day) + timedelta(
                seconds=seconds
            )
            stamped.append(Row(created, channel, team, language, kinds, csat, text))
        rows.extend(sorted(stamped, key=lambda r: r.created))
        day += timedelta(days=1)
    return rows


def customer_ids(
    rng: random.Random, rows: list[Row], repeat_share: float = 0.32
) -> list[str]:
    """Give rows customer ids; about repeat_share of rows are returning customers."""
    pools: dict[str, list[str]] = {}
    used: set[str] = set()

    def fresh() -> str:
        while True:
            cid = str(rng.randrange(1_000_000, 9_999_999))
            if cid not in used:
                used.add(cid)
                return cid

    for language in LANGUAGES:
        n = sum(r.language == language for r in rows)
        pools[language] = [fresh() for _ in range(max(2, round(n * repeat_share / 3)))]
    return [
        rng.choice(pools[r.language]) if rng.random() < repeat_share else fresh()
        for r in rows
    ]


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------


def _csv_bytes(
    header: list[str],
    records: list[list[str]],
    *,
    delimiter: str = ",",
    newline: str = "\n",
    encoding: str = "utf-8",
) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(records)
    return buf.getvalue().encode(encoding)


def _main_files(seed: int) -> dict[str, bytes]:
    rng = random.Random(seed)
    rows = simulate(rng)
    ids = customer_ids(rng, rows)
    tickets = [f"CS-{100001 + i}" for i in range(len(rows))]
    feedback = [
        [
            t,
            r.created.isoformat(sep=" "),
            r.channel,
            r.team,
            cid,
            r.csat,
            r.comment,
        ]
        for t, r, cid in zip(tickets, rows, ids, strict=True)
    ]
    labels = [
        [t, r.language, r.cause, r.causes, r.theme, str(r.ladder)]
        for t, r in zip(tickets, rows, strict=True)
    ]
    return {
        MAIN_CSV: _csv_bytes(
            [
                "Ticket ID",
                "Created",
                "Channel",
                "Team",
                "Customer ID",
                "CSAT",
                "Comment",
            ],
            feedback,
        ),
        LABELS_CSV: _csv_bytes(
            ["Ticket ID", "language", "cause", "causes", "theme", "ladder"], labels
        ),
    }


# Headers of the small workbook, deliberately in four languages as in a merged export.
XLSX_HEADER = [
    "Pieteikuma Nr.",  # lv: request number
    "Data",  # lt/lv: date
    "Kanalas",  # lt: channel
    "Meeskond",  # et: team
    "Клиент",  # ru: customer
    "Įvertinimas",  # lt: rating
    "Komentaras",  # lt: comment
]
FIXED_ZIP_TIME = (2026, 3, 1, 0, 0, 0)


def _xlsx_bytes(seed: int) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rng = random.Random(seed + 1)
    rows = simulate(rng, scale=300 / 6600)
    ids = customer_ids(rng, rows)
    wb = Workbook()
    ws = wb.active
    ws.title = "Atsiliepimai"
    ws.append(XLSX_HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, (r, cid) in enumerate(zip(rows, ids, strict=True)):
        rating = int(r.csat) if r.csat else None
        ws.append(
            [f"P-{5001 + i}", r.created, r.channel, r.team, cid, rating, r.comment]
        )
        ws.cell(row=ws.max_row, column=2).number_format = "yyyy-mm-dd hh:mm"
        ws.cell(row=ws.max_row, column=7).alignment = Alignment(wrap_text=True)
    for col, width in zip("ABCDEFG", (14, 17, 10, 22, 11, 11, 90), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    fixed = datetime(*FIXED_ZIP_TIME)
    wb.properties.creator = "cx sample generator"
    wb.properties.created = fixed
    raw = io.BytesIO()
    wb.save(raw)
    # openpyxl stamps "modified" and the zip entry times with the clock: pin both.
    out = io.BytesIO()
    stamp = fixed.strftime("%Y-%m-%dT%H:%M:%SZ")
    with (
        zipfile.ZipFile(raw) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    data,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.external_attr = 0o600 << 16
            zout.writestr(entry, data)
    return out.getvalue()


CP1257_HEADER = [
    "Data",
    "Kanalas",
    "Komanda",
    "Kliento ID",
    "Įvertinimas",
    "Komentaras",
]


def _cp1257_bytes(seed: int) -> bytes:
    rng = random.Random(seed + 2)
    rows = simulate(
        rng,
        scale=230 / 6600,
        languages=("lt", "lv"),
        teams=("Vilnius Office", "Kaunas Office", "Riga Contact Centre", "Billing"),
        fold_share=0.0,
        newline_share=0.0,
    )[:200]
    ids = customer_ids(rng, rows)
    records = [
        [r.created.strftime("%d.%m.%Y"), r.channel, r.team, cid, r.csat, r.comment]
        for r, cid in zip(rows, ids, strict=True)
    ]
    return _csv_bytes(
        CP1257_HEADER, records, delimiter=";", newline="\r\n", encoding="cp1257"
    )


def generate(out_dir: Path | str, seed: int = SEED) -> dict[str, Path]:
    """Write every sample file into out_dir; the same seed gives the same bytes."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = _main_files(seed)
    files[SMALL_XLSX] = _xlsx_bytes(seed)
    files[CP1257_CSV] = _cp1257_bytes(seed)
    paths = {}
    for name, data in files.items():
        path = out / name
        path.write_bytes(data)
        paths[name] = path
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    for name, path in generate(args.out_dir, args.seed).items():
        print(f"{name}: {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
