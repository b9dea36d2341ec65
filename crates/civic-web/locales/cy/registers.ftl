# Tudalen y cofrestrau (adnoddau peiriant yw'r cofrestrau eu hunain, yn Saesneg).

registers-title = Cofrestrau
registers-lead = Rhestrau y mae Civic yn eu cadw fel logiau na ellir ond ychwanegu atynt, ac y gall unrhyw un eu gwirio: mae pob newid yn gofnod wedi'i rifo, ac mae'r log cyfan wedi'i grynhoi mewn stwnsh wedi'i lofnodi.
registers-verify = Gwiriwch gofrestr eich hun gyda
registers-name-placeholder = ENW
registers-key-before = Mae pennau'r coed wedi'u llofnodi ag
registers-key-link = allwedd gyhoeddus y wefan hon
registers-v1 = Mae pob cofrestr hefyd yn ateb fel yr oedd cofrestrau GOV.UK yn ei wneud (API y Cofrestrau, fersiwn 1), felly mae rhaglenni a ysgrifennwyd ar eu cyfer yn darllen y rhain heb newid: dechreuwch o
registers-field-before = Mae'r cofrestrau
registers-field-and = a
registers-field-after = yn disgrifio pob maes.
registers-archive-before = Mae{ " " }
registers-archive-after = hefyd yn gwirio ffeiliau a gadwyd o archif cofrestrau GOV.UK.
registers-caption = Cofrestrau ar y wefan hon
registers-col-register = Cofrestr
registers-col-holds = Beth sydd ynddi
registers-col-entries = Cofnodion yn y log
registers-col-open-data = Data agored
registers-records-csv = cofnodion cyfredol (CSV)
registers-records-csv-hidden = y gofrestr { $register }
registers-records-json-hidden = cofnodion cyfredol y gofrestr { $register }
registers-download = y gofrestr gyfan
registers-download-hidden = { $register }
registers-tree-head = pen coeden wedi'i lofnodi
registers-tree-head-hidden = y gofrestr { $register }

# Beth sydd ym mhob cofrestr.
registers-text-addresses = Cyfeiriadau, yn ôl eu Cyfeirnod Eiddo Unigryw (UPRN)
registers-text-organisations = Y cyrff cyhoeddus ar y wefan hon
registers-text-services = Gwasanaethau pob corff cyhoeddus; mae pob newid i wasanaeth yn gofnod
registers-text-registers = Y cofrestrau ar y wefan hon
registers-text-field = Y meysydd a all ymddangos mewn cofrestr ar y wefan hon
registers-text-datatype = Mathau data'r meysydd yng nghofrestrau'r wefan hon
