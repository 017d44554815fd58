-- examples/lessons/index.lua: the lessons in order (lesson() lists them, lesson(k) runs one).
-- A teacher's folder has an index.lua of the same shape (docs/teach.md).
return {
  { file = "01_schaalscore.lua", title = { nl = "De schaalscore", en = "The scale score" } },
  { file = "02_missend_omgepoold.lua", title = { nl = "Ontbrekende antwoorden en omgepoolde items",
                                                  en = "Missing answers and reversed items" } },
  { file = "03_weging.lua", title = { nl = "Weging", en = "Weighting" } },
  { file = "04_interval_ster.lua", title = { nl = "Het 95%-betrouwbaarheidsinterval en de *",
                                             en = "The 95% confidence interval and the *" } },
  { file = "05_kleurbanden.lua", title = { nl = "Kleurbanden", en = "Colour bands" } },
  { file = "06_onderdrukking.lua", title = { nl = "Onderdrukken van cellen", en = "Suppressing cells" } },
  { file = "07_cronbach.lua", title = { nl = "Cronbachs alpha", en = "Cronbach's alpha" } },
  { file = "08_twee_metingen.lua", title = { nl = "Twee metingen vergelijken", en = "Comparing two metingen" } },
  { file = "09_eigen_indicator.lua", title = { nl = "Je eigen indicator in Lua", en = "Your own indicator in Lua" } },
  { file = "10_kalibratie.lua", title = { nl = "Gewichten bouwen: poststratificatie en raking",
                                          en = "Building weights: post-stratification and raking" } },
  { file = "11_frequenties.lua", title = { nl = "Frequentietabellen: de basis en meerdere antwoorden",
                                           en = "Frequency tables: the base and multiple response" } },
  { file = "12_kruistabel.lua", title = { nl = "Een kruistabel en zijn toets", en = "A crosstab and its test" } },
  { file = "13_typologie.lua", title = { nl = "Een typologie: achterblijvers, middengroep, voorlopers",
                                         en = "A typology: laggards, middle group, front runners" } },
  { file = "14_inspectie.lua", title = { nl = "De oordelen van de inspectie lezen", en = "Reading the inspectorate's judgements" } },
}
